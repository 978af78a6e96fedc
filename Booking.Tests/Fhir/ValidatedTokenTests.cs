using System.Net;
using System.Net.Http.Headers;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Access tokens are kept once validated (Booking.Web/Fhir/Security/ValidatedTokens.cs); what a kept token may not do:
/// outlive its expiry, or lend its standing to another string that differs from it.
/// </summary>
public sealed class ValidatedTokenTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string Search = "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-24";
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _client;
    private HttpClient _http = default!;

    public ValidatedTokenTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(BookingWebFactory.DefaultNow.InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
        _client = new SmartClient("kept-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
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
    public async Task KeptToken_PastItsExpiry_Is401ThoughItWasAcceptedBefore()
    {
        var token = await _client.GetTokenAsync(_http);
        (await SearchAsync(token)).Should().Be(HttpStatusCode.OK);
        _factory.Clock.Advance(Duration.FromMinutes(4) + Duration.FromSeconds(59));
        (await SearchAsync(token)).Should().Be(HttpStatusCode.OK, "the token has a second to run");

        _factory.Clock.Advance(Duration.FromSeconds(1));

        (await SearchAsync(token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task KeptToken_WithAnyPartAltered_Is401(int part)
    {
        var token = await _client.GetTokenAsync(_http);
        (await SearchAsync(token)).Should().Be(HttpStatusCode.OK);
        var parts = token.Split('.');
        var altered = parts[part].ToCharArray();
        altered[5] = altered[5] == 'A' ? 'B' : 'A';
        parts[part] = new string(altered);

        (await SearchAsync(string.Join('.', parts))).Should().Be(HttpStatusCode.Unauthorized);
        (await SearchAsync(token)).Should().Be(HttpStatusCode.OK, "the genuine token still stands");
    }

    private async Task<HttpStatusCode> SearchAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Search);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }
}
