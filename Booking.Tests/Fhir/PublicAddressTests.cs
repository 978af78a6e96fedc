using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// The public address is configured, not taken from the request (issue 17, item 4): a request naming another
/// <c>Host</c> gets no token for that host, and every link and the SMART configuration point at the configured address.
/// </summary>
public sealed class PublicAddressTests : IAsyncLifetime
{
    private const string PublicBase = "https://booking.example-practice.nhs.uk";
    private const string TokenPath = "/fhir/auth/token";
    private readonly PublicAddressFactory _factory = new();
    private SmartClient _client = default!;
    private HttpClient _http = default!;

    public async Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        _client = new SmartClient("public-address-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using var db = _factory.Database.CreateContext();
        await _client.RegisterAsync(db, "system/*.rs");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Token_AssertionAddressedToTheHostTheRequestNames_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = SmartClient.TokenRequest(_client.Assertion("http://attacker.example" + TokenPath)),
        };
        request.Headers.Host = "attacker.example";

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task Token_AssertionAddressedToTheConfiguredAddress_IsGranted_WhateverTheHost()
    {
        var response = await _http.PostAsync(TokenPath, SmartClient.TokenRequest(_client.Assertion(PublicBase + TokenPath)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SmartConfiguration_NamesTheConfiguredTokenEndpoint_NotTheRequestsHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/.well-known/smart-configuration");
        request.Headers.Host = "attacker.example";

        var configuration = await (await _http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        configuration.GetProperty("token_endpoint").GetString().Should().Be(PublicBase + TokenPath);
    }

    [Fact]
    public async Task CapabilityStatement_ImplementationAndOAuthUris_AreTheConfiguredAddress()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.Host = "attacker.example";

        var body = await (await _http.SendAsync(request)).Content.ReadAsStringAsync();

        body.Should().Contain(PublicBase + TokenPath).And.NotContain("attacker.example");
    }

    [Fact]
    public async Task SlotSearch_LinksAndFullUrls_UseTheConfiguredAddress()
    {
        var token = await (await _http.PostAsync(TokenPath, SmartClient.TokenRequest(_client.Assertion(PublicBase + TokenPath))))
            .Content.ReadFromJsonAsync<JsonElement>();
        var day = BookingWebFactory.DefaultNow.Date.PlusDays(1).ToString("yyyy-MM-dd", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{day}&start=le{day}&_count=3");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        request.Headers.Host = "attacker.example";

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bundle = await response.Content.ReadFromJsonAsync<JsonElement>();
        var urls = bundle.GetProperty("link").EnumerateArray().Select(l => l.GetProperty("url").GetString())
            .Concat(bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("fullUrl").GetString()))
            .ToList();
        urls.Should().NotBeEmpty().And.OnlyContain(url => url!.StartsWith(PublicBase + "/fhir/", StringComparison.Ordinal));
    }

    private sealed class PublicAddressFactory : BookingWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PublicBaseUrl", PublicBase);
        }
    }
}
