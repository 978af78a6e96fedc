using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// What an anonymous browser sees before signing in: the scripts and styles the sign-in page needs, the headers
/// every response carries, and a sign-in form that cannot be hammered from one address.
/// </summary>
public sealed class PublicSurfaceTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public PublicSurfaceTests(BookingWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/_framework/blazor.web.js", "javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "javascript")]
    [InlineData("/Booking.Web.styles.css", "text/css")]
    public async Task Get_StaticAsset_Anonymous_IsServedWithABody(string path, string contentType)
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Contain(contentType);
        (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Get_SignInPage_EveryAssetItNamesIsServedAnonymously()
    {
        var client = StaffSignIn.CreateClient(_factory);
        var page = await client.GetStringAsync("/Account/Login");

        var assets = System.Text.RegularExpressions.Regex.Matches(page, "(?:src|href)=\"([^\"]+\\.(?:js|css))\"")
            .Select(m => m.Groups[1].Value).ToList();

        assets.Should().Contain(a => a.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await client.GetAsync("/" + asset.TrimStart('/'));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{asset} is needed before anyone signs in");
        }
    }

    [Fact]
    public async Task Get_AppPage_Anonymous_StillRedirectsToSignIn()
    {
        var response = await StaffSignIn.CreateClient(_factory).GetAsync("/appointments");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/app.css")]
    [InlineData("/fhir/metadata")]
    [InlineData("/fhir/Slot")]
    [InlineData("/appointments")]
    [InlineData("/no-such-page")]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await StaffSignIn.CreateClient(_factory).GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.NotContain("unsafe-eval");
        csp.Should().Contain("default-src 'self'");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "Permissions-Policy").Should().Contain("camera=()");
    }

    [Fact]
    public async Task Get_OverKestrel_SendsNoServerHeader()
    {
        using var factory = new BookingWebFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/Account/Login");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Server").Should().BeFalse("the server banner tells an attacker what to try");
    }

    [Fact]
    public async Task PostSignIn_ManyWrongAttemptsFromOneAddress_AreThrottledWith429()
    {
        // Its own app, so the limit is not shared with other tests; each attempt names a different account, so
        // per-account lockout never triggers and only the per-address throttle can stop them.
        using var app = new BookingWebFactory();
        using var factory = app.WithWebHostBuilder(web =>
            web.UseSetting("Security:SignIn:AttemptsPerMinutePerAddress", "5"));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            statuses.Add((await StaffSignIn.PostLoginAsync(client, $"nobody{attempt}@demo.practice", "Wrong-Password-2026!")).StatusCode);
        }

        statuses.Take(5).Should().NotContain(HttpStatusCode.TooManyRequests);
        statuses.Skip(5).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
        var refused = await StaffSignIn.PostLoginAsync(client, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits out the window");
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts");
        (await client.GetAsync("/Account/Login")).StatusCode.Should().Be(HttpStatusCode.OK, "opening the page is not an attempt");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}
