using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// A duplicate clinician or API client is refused by the store itself, so every door (the pages, the commands, the
/// seed) refuses it, naming the field to change (issue 18, item 13).
/// </summary>
public sealed class DuplicateConfigurationTests : IAsyncLifetime
{
    private const string Jwks = """{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1"}]}""";

    private DataStores _stores = null!;
    private TestPractice _practice = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddPractitionerAsync_SameNameAndRoleInAnotherCase_IsRefusedOnTheName()
    {
        var result = await _stores.Store.AddPractitionerAsync(new PractitionerDetails(" dr TEST ", PractitionerRole.Gp), DataStores.Receptionist);

        result.Problem.Should().Be(ConfigurationProblem.Invalid);
        result.Field.Should().Be("Name");
        result.Message.Should().StartWith("Dr Test is already a clinician here in the same role.");
        (await _stores.CountAsync(db => db.Practitioners)).Should().Be(1);
    }

    [Fact]
    public async Task AddPractitionerAsync_SameNameAnotherRole_IsAdded() =>
        (await _stores.Store.AddPractitionerAsync(new PractitionerDetails("Dr Test", PractitionerRole.Pharmacist), DataStores.Receptionist)).Succeeded.Should().BeTrue();

    [Fact]
    public async Task AddPractitionerAsync_RegisterNumberAnotherClinicianHolds_IsRefusedOnThatIdentifier()
    {
        var gmc = new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "1234567");
        (await _stores.Store.UpdatePractitionerAsync(_practice.PractitionerId, new PractitionerDetails("Dr Test", PractitionerRole.Gp, [gmc]), DataStores.Receptionist))
            .Succeeded.Should().BeTrue();

        var result = await _stores.Store.AddPractitionerAsync(new PractitionerDetails("Dr Other", PractitionerRole.Gp, [gmc]), DataStores.Receptionist);

        result.Field.Should().Be("Identifiers.Gmc");
        result.Message.Should().StartWith("Dr Test already has this number");
    }

    [Fact]
    public async Task UpdatePractitionerAsync_ToAnotherClinicianNameAndRole_IsRefusedButKeepingItsOwnIsSaved()
    {
        var other = (await _stores.Store.AddPractitionerAsync(new PractitionerDetails("Dr Second", PractitionerRole.Gp), DataStores.Receptionist)).Value!;

        var renamed = await _stores.Store.UpdatePractitionerAsync(other.Id, new PractitionerDetails("Dr Test", PractitionerRole.Gp), DataStores.Receptionist);
        var unchanged = await _stores.Store.UpdatePractitionerAsync(other.Id, new PractitionerDetails("Dr Second", PractitionerRole.Gp), DataStores.Receptionist);

        renamed.Field.Should().Be("Name");
        unchanged.Succeeded.Should().BeTrue(unchanged.Message);
    }

    [Fact]
    public async Task RegisterApiClientAsync_SameNameAsAnActiveClient_IsRefusedOnTheName()
    {
        (await _stores.Store.RegisterApiClientAsync(Registration("hub-1", "Hub (Example PCN)"), DataStores.Receptionist)).Succeeded.Should().BeTrue();

        var result = await _stores.Store.RegisterApiClientAsync(Registration("hub-2", "hub (example pcn)"), DataStores.Receptionist);

        result.Field.Should().Be("Name");
        result.Message.Should().Contain("client id hub-1");
    }

    [Fact]
    public async Task RegisterApiClientAsync_NameOfARevokedClient_IsAdded()
    {
        (await _stores.Store.RegisterApiClientAsync(Registration("hub-1", "Hub (Example PCN)"), DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Store.RevokeApiClientAsync("hub-1", DataStores.Receptionist)).Succeeded.Should().BeTrue();

        (await _stores.Store.RegisterApiClientAsync(Registration("hub-2", "Hub (Example PCN)"), DataStores.Receptionist)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RegisterApiClientAsync_ClientIdOfARevokedClient_IsRefusedOnTheClientId()
    {
        (await _stores.Store.RegisterApiClientAsync(Registration("hub-1", "Hub (Example PCN)"), DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Store.RevokeApiClientAsync("hub-1", DataStores.Receptionist)).Succeeded.Should().BeTrue();

        var result = await _stores.Store.RegisterApiClientAsync(Registration("hub-1", "Another hub"), DataStores.Receptionist);

        result.Field.Should().Be("ClientId");
        result.Message.Should().Be("The client id hub-1 is already registered. Choose another client id.");
    }

    private static ApiClientRegistration Registration(string clientId, string name) =>
        new(clientId, name, OdsCode.Parse("Y00001"), ChannelKind.Organisation, "hub", ["slot.read"], Jwks);
}
