using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Revoking a client stops it at once on every endpoint, though its last token has minutes to run: the pen test found
/// the directory reads (Schedule, Location, Practitioner, PractitionerRole, HealthcareService, Organization) still
/// answering a revoked client's token.
/// </summary>
public sealed class RevocationTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string Search =
        "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-24&_include=Slot:schedule" +
        "&_include:iterate=Schedule:actor:Practitioner&_include:iterate=Schedule:actor:PractitionerRole" +
        "&_include:iterate=Schedule:actor:Location&_include:iterate=Schedule:actor:HealthcareService" +
        "&_include:iterate=Location:managingOrganization";

    private readonly BookingWebFactory _factory;
    private readonly SmartClient _client;
    private HttpClient _http = default!;

    public RevocationTests(BookingWebFactory factory)
    {
        _factory = factory;
        _client = new SmartClient("revoked-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        await using var db = _factory.Database.CreateContext();
        await _client.RegisterAsync(db, "system/*.rs");
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Revoke_TokenStillUnexpired_EveryEndpointRefusesItAt401()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _client.GetTokenAsync(_http));
        var search = await _http.GetAsync(Search);
        search.StatusCode.Should().Be(HttpStatusCode.OK);
        var reads = ReadsOf(await search.Content.ReadAsStringAsync());
        reads.Select(r => r.Split('/')[2]).Distinct().Should().Contain(
            ["Slot", "Schedule", "Practitioner", "PractitionerRole", "Location", "HealthcareService", "Organization"]);
        foreach (var read in reads)
        {
            (await _http.GetAsync(read)).StatusCode.Should().Be(HttpStatusCode.OK, $"{read} answers while the client is active");
        }

        var revoked = await _factory.Services.GetRequiredService<ConfigurationStore>()
            .RevokeApiClientAsync(_client.ClientId, ActingParty.System("test"));
        revoked.Succeeded.Should().BeTrue();

        foreach (var path in reads.Append(Search).Append("/fhir/Appointment?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919"))
        {
            var response = await _http.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{path} must refuse a revoked client's token");
            (await response.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("revoked");
        }
    }

    /// <summary>One read path per resource type found in the bundle (the first of each type).</summary>
    private static List<string> ReadsOf(string bundleJson)
    {
        using var bundle = JsonDocument.Parse(bundleJson);
        return bundle.RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource"))
            .Select(r => (Type: r.GetProperty("resourceType").GetString()!, Id: r.GetProperty("id").GetString()!))
            .GroupBy(r => r.Type)
            .Select(g => $"/fhir/{g.Key}/{g.First().Id}")
            .ToList();
    }
}
