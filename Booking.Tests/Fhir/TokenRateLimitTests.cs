using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// The token endpoint has limits of its own, per address and per client at that address, answered in OAuth's JSON
/// shape; anonymous traffic to the rest of the API cannot use them up.
/// </summary>
public sealed class TokenRateLimitTests : IAsyncLifetime
{
    private const int PerClient = 3;
    private const int AnonymousPerMinute = 5;

    private readonly BookingWebFactory _app = new();
    private WebApplicationFactory<Program> _factory = default!;
    private HttpClient _http = default!;
    private SmartClient _first = default!;
    private SmartClient _second = default!;

    public async Task InitializeAsync()
    {
        _factory = _app.WithWebHostBuilder(web => web
            .UseSetting("Fhir:TokenRateLimit:PerClientPerMinute", PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Fhir:RateLimit:RequestsPerMinute", AnonymousPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _http = _factory.CreateClient();
        _first = new SmartClient("limited-a-" + Guid.NewGuid().ToString("N")[..8], _app.Clock);
        _second = new SmartClient("limited-b-" + Guid.NewGuid().ToString("N")[..8], _app.Clock);
        await using var db = _app.Database.CreateContext();
        await _first.RegisterAsync(db, "system/Slot.rs");
        await _second.RegisterAsync(db, "system/Slot.rs");
    }

    public async Task DisposeAsync()
    {
        _first.Dispose();
        _second.Dispose();
        await _factory.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Token_OneClientOverItsLimit_Gets429InOAuthShapeAndAnotherClientStillGetsItsToken()
    {
        for (var request = 0; request < PerClient; request++)
        {
            (await RequestTokenAsync(_first)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var refused = await RequestTokenAsync(_first);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("temporarily_unavailable");
        body.GetProperty("error_description").GetString().Should().Contain("Too many token requests");
        (await RequestTokenAsync(_second)).StatusCode.Should().Be(HttpStatusCode.OK, "one client's limit is its own");
    }

    [Fact]
    public async Task Token_AfterAnAnonymousFloodOfMetadata_IsStillIssued()
    {
        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < AnonymousPerMinute * 3; request++)
        {
            statuses.Add((await _http.GetAsync("/fhir/metadata")).StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "the flood is limited");
        (await RequestTokenAsync(_second)).StatusCode.Should().Be(HttpStatusCode.OK, "the flood does not starve token issuance");
    }

    private Task<HttpResponseMessage> RequestTokenAsync(SmartClient client) =>
        _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(client.Assertion(new Uri(_http.BaseAddress!, "/fhir/auth/token").ToString())));
}
