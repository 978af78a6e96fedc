using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Data.Release;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

public sealed class ConfigurationStoreTests : IAsyncLifetime
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
    public async Task ChangeReleaseRuleAsync_FromALaterDate_EndsTheOldVersionTheDayBeforeAndKeepsEarlierDaysUnderIt()
    {
        var changeFrom = TestPractice.Monday.PlusWeeks(1);
        var receptionOnly = new ReleaseRuleSpec(ReleaseScope.ForService(_practice.ServiceId), [new(ChannelSelectorSpec.Reception)], ReleaseTerms.Open);

        var result = await _stores.Store.ChangeReleaseRuleAsync(_practice.RuleId, receptionOnly, changeFrom, DataStores.Receptionist);

        result.Value!.ReplacesId.Should().Be(_practice.RuleId);
        var config = (await _stores.Configuration.GetAsync())!;
        config.RuleVersions.Single(v => v.Id == _practice.RuleId).EffectiveTo.Should().Be(changeFrom.PlusDays(-1));
        var online = await _stores.Queries.GetAvailabilityAsync(new Caller(Channel.Online), new DateInterval(TestPractice.Monday, changeFrom));
        online.ReasonsFor(_practice.Slot(9, 0)).Should().BeEmpty("the first Monday is still governed by the old version");
        online.ReasonsFor(_practice.Slot(9, 0, changeFrom)).Should().ContainSingle(r => r is NotReleasedToChannel);
    }

    [Fact]
    public async Task ChangeReleaseRuleAsync_FromYesterday_IsRefusedForStaffAndTheVersionStaysOpen()
    {
        var yesterday = new LocalDate(2026, 5, 28);
        var receptionOnly = new ReleaseRuleSpec(ReleaseScope.ForService(_practice.ServiceId), [new(ChannelSelectorSpec.Reception)], ReleaseTerms.Open);

        var result = await _stores.Store.ChangeReleaseRuleAsync(_practice.RuleId, receptionOnly, yesterday, DataStores.Receptionist);

        result.Succeeded.Should().BeFalse();
        result.Message.Should().StartWith("It starts on 2026-05-28, which has passed");
        (await _stores.Configuration.GetAsync())!.RuleVersions.Should().ContainSingle().Which.EffectiveTo.Should().BeNull();
    }

    [Fact]
    public async Task AddClosureAsync_Saved_IsAuditedAndSeenAtOnceByTheCachedConfiguration()
    {
        var before = (await _stores.Configuration.GetAsync())!;
        var audits = await _stores.CountAsync(db => db.AuditEntries);

        var result = await _stores.Store.AddClosureAsync(TestPractice.Monday, "Training afternoon", DataStores.Receptionist, LocalTimeRange.Parse("13:00-18:30"));

        var after = (await _stores.Configuration.GetAsync())!;
        after.Version.Should().BeGreaterThan(before.Version);
        after.Rota.Closures.Should().ContainSingle(c => c.Id == result.Value!.Id);
        (await _stores.CountAsync(db => db.AuditEntries)).Should().Be(audits + 1);
        await using var db = await _stores.Factory.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(e => e.Id).LastAsync();
        entry.Action.Should().Be("closure.created");
        entry.After.Should().Contain("Training afternoon").And.Contain("13:00");
    }

    [Fact]
    public async Task RetireServiceAsync_Retired_KeepsTheRowAndStopsOfferingItsSlots()
    {
        await _stores.Store.RetireServiceAsync(_practice.ServiceId, new LocalDate(2026, 5, 29), DataStores.Receptionist);

        (await _stores.CountAsync(db => db.Services)).Should().Be(1);
        var config = (await _stores.Configuration.GetAsync())!;
        config.Service(_practice.ServiceId)!.RetiredOn.Should().Be(new LocalDate(2026, 5, 29));
        var availability = await _stores.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(TestPractice.Monday, TestPractice.Monday));
        availability.Offered.Should().BeEmpty();
    }

    [Fact]
    public async Task UpdatePractitionerAsync_StaleVersion_ReturnsConflict()
    {
        var details = new PractitionerDetails("Dr Test", PractitionerRole.Gp, [new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "1234567")]);
        (await _stores.Store.UpdatePractitionerAsync(_practice.PractitionerId, details, DataStores.Receptionist, expectedVersion: 1)).Succeeded.Should().BeTrue();

        var stale = await _stores.Store.UpdatePractitionerAsync(_practice.PractitionerId, details with { Name = "Dr Other" }, DataStores.Receptionist, expectedVersion: 1);

        stale.Problem.Should().Be(ConfigurationProblem.Conflict);
    }

    [Fact]
    public async Task AddSessionTemplateAsync_ServiceTheRoleCannotDeliver_IsRefused()
    {
        var nurse = await _stores.Store.AddPractitionerAsync(new PractitionerDetails("Emma Clarke", PractitionerRole.Nurse), DataStores.Receptionist);

        var result = await _stores.Store.AddSessionTemplateAsync(
            new WeeklySession(nurse.Value!.Id, _practice.SiteId, IsoDayOfWeek.Tuesday,
                SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), _practice.ServiceId, SlotLength.FromMinutes(10)), TestPractice.Monday),
            DataStores.Receptionist);

        result.Problem.Should().Be(ConfigurationProblem.Invalid);
        (await _stores.CountAsync(db => db.SessionTemplates)).Should().Be(1);
    }

    [Fact]
    public async Task AddSiteAsync_NameCoreRefuses_IsInvalidAndWritesNothing()
    {
        var audits = await _stores.CountAsync(db => db.AuditEntries);

        var result = await _stores.Store.AddSiteAsync(new string('x', Site.MaxNameLength + 1), DataStores.Receptionist);

        result.Problem.Should().Be(ConfigurationProblem.Invalid);
        (await _stores.CountAsync(db => db.AuditEntries)).Should().Be(audits);
    }

    [Fact]
    public async Task RevokeApiClientAsync_RegisteredClient_KeepsItWithTheRevocationTime()
    {
        var registration = new ApiClientRegistration(
            "nhs111-test", "NHS 111 (test)", OdsCode.Parse("NHS111"), ChannelKind.Organisation, "Urgent-Care", ["slot.read", "appointment.write"], Jwks);
        (await _stores.Store.RegisterApiClientAsync(registration, DataStores.Receptionist)).Value!.Channel.OrganisationType.Should().Be("urgent-care");

        await _stores.Store.RevokeApiClientAsync("nhs111-test", DataStores.Receptionist);

        var client = await _stores.Store.GetApiClientAsync("nhs111-test");
        client!.IsRevoked.Should().BeTrue();
        client.RevokedAt.Should().Be(_stores.Clock.GetCurrentInstant());
        (await _stores.Store.RegisterApiClientAsync(registration with { ClientId = "bad", JwksJson = "{}" }, DataStores.Receptionist))
            .Problem.Should().Be(ConfigurationProblem.Invalid);
    }
}
