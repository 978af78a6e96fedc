using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Booking.Data.Auditing;
using Booking.Data.Identity;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// A failed sign-in tells an anonymous caller nothing about the account: not by its message (an unknown email, a wrong
/// password, a locked and a disabled account all get the same page) and not by how long it takes (an unknown email and
/// a locked account cost the password hash work a wrong password costs).
/// </summary>
public sealed partial class SignInLeakTests : IClassFixture<BookingWebFactory>
{
    private const string WrongPassword = "Wrong-Password-2026!";
    private const string UnknownEmail = "nobody@demo.practice";
    private const string SecondReceptionist = "reception2@demo.practice";

    private readonly BookingWebFactory _factory;

    public SignInLeakTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task PostLogin_UnknownWrongPasswordLockedOrDisabled_AllGetTheSameMessageAndPage()
    {
        var client = StaffSignIn.CreateClient(_factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await StaffSignIn.PostLoginAsync(client, SecondReceptionist, WrongPassword);
        }

        await DisableAsync(_factory, StaffSignIn.ReceptionistEmail);

        var unknown = await FailedSignInAsync(client, UnknownEmail, WrongPassword);
        var wrongPassword = await FailedSignInAsync(client, StaffSignIn.ManagerEmail, WrongPassword);
        var lockedOut = await FailedSignInAsync(client, SecondReceptionist, StaffSignIn.ReceptionistPassword);
        var disabled = await FailedSignInAsync(client, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        unknown.Message.Should().NotBeEmpty();
        new[] { wrongPassword, lockedOut, disabled }.Should().AllSatisfy(page =>
        {
            page.Status.Should().Be(unknown.Status);
            page.Message.Should().Be(unknown.Message);
            page.Html.Should().Be(unknown.Html, "apart from the email typed and the protected tokens, the pages are the same");
        });
        unknown.Message.Should().Contain("practice manager").And.Contain("system operator",
            "a real user who is locked out learns how to get unlocked without the page saying the account exists");
    }

    [Fact]
    public async Task PostLogin_UnknownEmailOrDisabledAccount_TakesAsLongAsAWrongPassword()
    {
        // Its own app: the throttle (30 a minute from one address) would refuse most of these attempts, and five wrong
        // passwords would lock the known account, whose refusals would then be timed as a locked account's.
        using var app = new BookingWebFactory();
        using var factory = app.WithWebHostBuilder(web =>
        {
            web.UseSetting("Security:SignIn:AttemptsPerMinutePerAddress", "10000");
            web.ConfigureTestServices(services =>
                services.Configure<IdentityOptions>(identity => identity.Lockout.MaxFailedAccessAttempts = 10_000));
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await DisableAsync(factory, SecondReceptionist);
        (string Email, string Password)[] kinds =
        [
            (StaffSignIn.ManagerEmail, WrongPassword),
            (UnknownEmail, WrongPassword),
            (SecondReceptionist, StaffSignIn.ReceptionistPassword),
        ];

        // Warm up (JIT, the first hashes), then interleave the kinds, each round starting with a different one, so a
        // burst of load on the shared machine falls on every kind alike; the median ignores the rest.
        foreach (var (email, password) in kinds)
        {
            await TimedSignInAsync(client, email, password);
        }

        var times = kinds.Select(_ => new List<TimeSpan>()).ToArray();
        for (var round = 0; round < 15; round++)
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                var kind = (round + i) % kinds.Length;
                times[kind].Add(await TimedSignInAsync(client, kinds[kind].Email, kinds[kind].Password));
            }
        }

        var wrongPassword = Median(times[0]);
        var unknown = Median(times[1]);
        var disabled = Median(times[2]);
        var because = $"medians: wrong password {wrongPassword.TotalMilliseconds:F1} ms, unknown email {unknown.TotalMilliseconds:F1} ms, " +
            $"disabled account {disabled.TotalMilliseconds:F1} ms";
        (unknown / wrongPassword).Should().BeInRange(0.5, 2.0, because);
        (disabled / wrongPassword).Should().BeInRange(0.5, 2.0, because);
    }

    private static async Task DisableAsync(WebApplicationFactory<Program> factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var disabled = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DisableAsync(email, ActingParty.System("test"));
        disabled.Succeeded.Should().BeTrue();
    }

    /// <summary>The time of the posted form alone: fetching the form (for its token) is left out.</summary>
    private static async Task<TimeSpan> TimedSignInAsync(HttpClient client, string email, string password)
    {
        var token = await StaffSignIn.FormTokenAsync(client, "/Account/Login");
        var stopwatch = Stopwatch.StartNew();
        var response = await StaffSignIn.PostLoginFormAsync(client, "/Account/Login", token, email, password);
        stopwatch.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "every attempt here fails and stays on the sign-in page");
        return stopwatch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static async Task<FailedSignIn> FailedSignInAsync(HttpClient client, string email, string password)
    {
        var response = await StaffSignIn.PostLoginAsync(client, email, password);
        var html = await response.Content.ReadAsStringAsync();
        var message = ErrorMessage().Match(html);
        var comparable = DataProtected().Replace(html, "(protected)").Replace(WebUtility.HtmlEncode(email), "(email)", StringComparison.Ordinal);
        return new FailedSignIn(response.StatusCode, message.Success ? WebUtility.HtmlDecode(message.Groups[1].Value) : "", comparable);
    }

    private sealed record FailedSignIn(HttpStatusCode Status, string Message, string Html);

    [GeneratedRegex("role=\"alert\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorMessage();

    // Data Protection output (the form token, the circuit's component descriptors) differs on every response.
    [GeneratedRegex("CfDJ8[A-Za-z0-9_+/=-]*")]
    private static partial Regex DataProtected();
}
