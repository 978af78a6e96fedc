using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir.Security;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Two app hosts on one database with the rate limits counted in it (<c>Fhir:RateLimit:Store=Database</c>), as two
/// instances behind a load balancer: one client's allowance is one, wherever its requests land.
/// </summary>
public sealed class SharedRateLimitPipelineTests : IAsyncLifetime
{
    private const int RequestsPerMinute = 6;
    private const int TokensPerClientPerMinute = 3;

    private readonly BookingWebFactory _app = new();
    private WebApplicationFactory<Program> _firstInstance = default!;
    private WebApplicationFactory<Program> _secondInstance = default!;
    private HttpClient _first = default!;
    private HttpClient _second = default!;
    private SmartClient _client = default!;

    public async Task InitializeAsync()
    {
        _firstInstance = _app.WithWebHostBuilder(SharedLimits);
        _secondInstance = _app.WithWebHostBuilder(SharedLimits);
        _first = _firstInstance.CreateClient();
        _second = _secondInstance.CreateClient();
        _client = new SmartClient("shared-" + Guid.NewGuid().ToString("N")[..8], _app.Clock);
        await using var db = _app.Database.CreateContext();
        await _client.RegisterAsync(db, "system/*.rs");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _firstInstance.DisposeAsync();
        await _secondInstance.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Requests_SpreadOverTwoInstances_ShareOneAllowanceAndTheNextOnEitherGets429OperationOutcome()
    {
        var token = await _client.GetTokenAsync(_first);
        for (var request = 0; request < RequestsPerMinute; request++)
        {
            var instance = request % 2 == 0 ? _first : _second;
            (await GetOrganizationAsync(instance, token)).StatusCode.Should().Be(HttpStatusCode.OK, $"request {request + 1} of {RequestsPerMinute} is within the limit");
        }

        foreach (var instance in new[] { _first, _second })
        {
            var refused = await GetOrganizationAsync(instance, token);

            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the two instances together have handed out the client's allowance");
            refused.Headers.RetryAfter.Should().NotBeNull();
            var json = await refused.Content.ReadAsStringAsync();
            json.Should().Contain("\"code\":\"throttled\"");
            (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Token_RequestsSpreadOverTwoInstances_ShareTheClientsTokenAllowance()
    {
        for (var request = 0; request < TokensPerClientPerMinute; request++)
        {
            var instance = request % 2 == 0 ? _first : _second;
            (await RequestTokenAsync(instance)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await RequestTokenAsync(_second)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the second instance has served one token request, the first two");
    }

    [Fact]
    public void Start_UnknownRateLimitStore_FailsNamingTheSettingAndTheChoices()
    {
        using var misconfigured = _app.WithWebHostBuilder(web => web.UseSetting(RateLimitStores.Setting, "Redis"));

        var start = () => misconfigured.CreateClient();

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("Fhir:RateLimit:Store is 'Redis'; it must be one of Memory, Database"));
    }

    private static void SharedLimits(Microsoft.AspNetCore.Hosting.IWebHostBuilder web) => web
        .UseSetting(RateLimitStores.Setting, "Database")
        .UseSetting("Fhir:RateLimit:RequestsPerMinute", RequestsPerMinute.ToString(CultureInfo.InvariantCulture))
        .UseSetting("Fhir:TokenRateLimit:PerClientPerMinute", TokensPerClientPerMinute.ToString(CultureInfo.InvariantCulture));

    private Task<HttpResponseMessage> RequestTokenAsync(HttpClient instance) =>
        instance.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(_client.Assertion(new Uri(instance.BaseAddress!, "/fhir/auth/token").ToString())));

    private static async Task<HttpResponseMessage> GetOrganizationAsync(HttpClient instance, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await instance.SendAsync(request);
    }
}
