using System.Net.Http.Json;
using System.Text.Json;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir.Security;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// What the SMART configuration advertises in <c>scopes_supported</c>, the scopes the endpoints enforce and what the
/// capability statement declares all say the same: a client reading either document knows which scope each
/// interaction needs (issue 13).
/// </summary>
public sealed class AdvertisedScopesTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private readonly BookingWebFactory _factory;
    private readonly HttpClient _http;
    private readonly FhirResponseRecorder _responses;

    public AdvertisedScopesTests(BookingWebFactory factory)
    {
        _factory = factory;
        _http = FhirResponseRecorder.CreateClient(factory, out _responses);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _responses.AssertAllValidAsync();

    [Fact]
    public async Task ScopesSupported_AdvertisesEveryPermissionAnEndpointChecks_AndNothingElse()
    {
        var enforced = EnforcedPermissions();
        var advertised = await AdvertisedAsync();

        enforced.Should().Contain(("Patient", 'r')).And.Contain(("Organization", 'r')).And.Contain(("Appointment", 'c'));
        advertised.Except([FhirScopes.ReadEverything]).SelectMany(Permissions).Should().BeEquivalentTo(enforced);
        advertised.Should().Contain(FhirScopes.ReadEverything).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ScopesSupported_AgreesWithTheCapabilityStatement_InteractionByInteraction()
    {
        var statement = await _http.GetFromJsonAsync<JsonElement>("/fhir/metadata");
        var declared = statement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray()
            .SelectMany(resource => resource.GetProperty("interaction").EnumerateArray().Select(interaction =>
                (resource.GetProperty("type").GetString()!, Permission(interaction.GetProperty("code").GetString()!))))
            .ToList();

        var advertised = await AdvertisedAsync();

        advertised.Except([FhirScopes.ReadEverything]).SelectMany(Permissions).Should().BeEquivalentTo(declared);
    }

    [Fact]
    public void EveryPresetOfTheStaffForm_GrantsOnlyWhatSomeEndpointChecks()
    {
        var enforced = EnforcedPermissions();
        var enforcedTypes = enforced.Select(p => p.Type).ToHashSet();

        foreach (var preset in FhirScopes.Presets.Except([FhirScopes.ReadEverything]))
        {
            var (type, _) = Permissions(preset).First();
            enforcedTypes.Should().Contain(type, $"{preset} names a type no endpoint serves");
            Permissions(preset).Should().Contain(p => enforced.Contains(p), $"{preset} grants nothing any endpoint checks");
        }
    }

    /// <summary>The (type, permission) pairs the mapped endpoints' authorization policies require, read off the routes.</summary>
    private List<(string Type, char Permission)> EnforcedPermissions() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(endpoint => endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            .SelectMany(policy => policy.Requirements.OfType<FhirScopeRequirement>())
            .Select(requirement => (requirement.ResourceType, requirement.Permission))
            .Distinct()
            .ToList();

    private async Task<List<string>> AdvertisedAsync()
    {
        var configuration = await _http.GetFromJsonAsync<JsonElement>("/fhir/.well-known/smart-configuration");
        return configuration.GetProperty("scopes_supported").EnumerateArray().Select(scope => scope.GetString()!).ToList();
    }

    /// <summary><c>system/Appointment.cru</c> as (Appointment, c), (Appointment, r), (Appointment, u).</summary>
    private static IEnumerable<(string Type, char Permission)> Permissions(string scope)
    {
        var body = scope["system/".Length..];
        var dot = body.LastIndexOf('.');
        return body[(dot + 1)..].Select(permission => (body[..dot], permission));
    }

    private static char Permission(string interaction) => interaction switch
    {
        "read" => 'r',
        "search-type" => 's',
        "create" => 'c',
        "update" => 'u',
        "delete" => 'd',
        _ => throw new ArgumentOutOfRangeException(nameof(interaction), interaction, "an interaction no scope names"),
    };
}
