using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Booking.Data.Scheduling;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Booking.Tests.Fhir;

public sealed class SmartBackendServicesTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string AllReads = "system/Organization.rs system/Slot.rs";
    private readonly BookingWebFactory _factory;
    private readonly HttpClient _http;
    private readonly FhirResponseRecorder _responses;
    private readonly SmartClient _client;

    public SmartBackendServicesTests(BookingWebFactory factory)
    {
        _factory = factory;
        _client = new SmartClient("test-111-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
        _http = FhirResponseRecorder.CreateClient(factory, out _responses);
    }

    private string TokenUrl => new Uri(_http.BaseAddress!, "/fhir/auth/token").ToString();

    public async Task InitializeAsync()
    {
        await using var db = _factory.Database.CreateContext();
        await _client.RegisterAsync(db, AllReads);
        if (!await db.Practice.AnyAsync())
        {
            db.Practice.Add(new PracticeRow { OdsCode = "Y12345", Name = "Riverside Medical Practice", RegisteredListSize = 9000 });
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Fact]
    public async Task Token_ValidAssertion_IssuesFiveMinuteBearerWithGrantedScopes()
    {
        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(_client.Assertion(TokenUrl), "system/Slot.rs"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token_type").GetString().Should().Be("bearer");
        body.GetProperty("expires_in").GetInt32().Should().Be(300);
        body.GetProperty("scope").GetString().Should().Be("system/Slot.rs");
    }

    [Theory]
    [InlineData("system/Appointment.cru")]
    [InlineData("system/Appointment.cru system/Slot.rs")]
    [InlineData("system/Appointment.s")]
    [InlineData("system/Appointment.read")]
    public async Task Token_SubsetOfTheRegisteredScopes_IsGrantedExactlyThatSubset(string requested)
    {
        using var booker = new SmartClient("test-booker-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await booker.RegisterAsync(db, "system/Appointment.crus system/Slot.rs");
        }

        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(booker.Assertion(TokenUrl), requested));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scope").GetString().Should().Be(requested);
    }

    [Theory]
    [InlineData("system/Appointment.cru")]
    [InlineData("system/Slot.rs system/Appointment.cru")]
    [InlineData("system/*.rs")]
    [InlineData("launch/patient")]
    public async Task Token_ScopeTheClientIsNotRegisteredFor_IsInvalidScope(string requested)
    {
        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(_client.Assertion(TokenUrl), requested));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_scope");
        body.TryGetProperty("access_token", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Token_ReplayedJti_IsRefused()
    {
        var assertion = _client.Assertion(TokenUrl);
        (await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(assertion))).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(assertion));

        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await replay.Content.ReadAsStringAsync()).Should().Contain("invalid_client").And.Contain("jti");
    }

    [Fact]
    public async Task Token_SignedWithAnUnregisteredKey_IsRefused()
    {
        using var stranger = RSA.Create(2048);

        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(_client.Assertion(TokenUrl, signWith: stranger)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256, 4)]
    [InlineData(SecurityAlgorithms.RsaSha384, 10)]
    public async Task Token_WrongAlgorithmOrTooLongLived_IsRefused(string algorithm, int lifetimeMinutes)
    {
        var assertion = _client.Assertion(TokenUrl, TimeSpan.FromMinutes(lifetimeMinutes), algorithm: algorithm);

        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(assertion));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WrongAudience_IsRefused()
    {
        var response = await _http.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(_client.Assertion("https://elsewhere.example/token")));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WrongGrantType_IsBadRequest()
    {
        var response = await _http.PostAsync("/fhir/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("unsupported_grant_type");
    }

    [Fact]
    public async Task Read_WithoutToken_Is401OperationOutcomeWithBearerChallenge()
    {
        var response = await _http.GetAsync("/fhir/Organization/Y12345");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("\"code\":\"login\"");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Read_WithToken_ReturnsTheOrganization()
    {
        var token = await _client.GetTokenAsync(_http, "system/Organization.rs");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("\"resourceType\":\"Organization\"").And.Contain("Y12345");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Read_WithTokenLackingTheScope_Is403OperationOutcome()
    {
        var token = await _client.GetTokenAsync(_http, "system/Slot.rs");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("\"code\":\"forbidden\"").And.Contain("ACCESS_DENIED");
    }

    [Fact]
    public async Task Read_WithForgedToken_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _client.Assertion(TokenUrl));

        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authorize_AdvertisedInTheCapabilityStatement_RefusesAsUnsupportedResponseType()
    {
        var statement = await _http.GetFromJsonAsync<JsonElement>("/fhir/metadata");
        var oauthUris = statement.GetProperty("rest")[0].GetProperty("security").GetProperty("extension")[0].GetProperty("extension")
            .EnumerateArray().ToDictionary(e => e.GetProperty("url").GetString()!, e => e.GetProperty("valueUri").GetString()!);

        var response = await _http.GetAsync(oauthUris["authorize"] + "?response_type=code&client_id=someone");

        oauthUris["token"].Should().Be(TokenUrl);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("unsupported_response_type");
    }

    [Fact]
    public async Task SmartConfiguration_IsPublicAndNamesTheTokenEndpoint()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/fhir/.well-known/smart-configuration");

        body.GetProperty("token_endpoint").GetString().Should().Be(TokenUrl);
        body.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("RS384", "ES384");
    }
}
