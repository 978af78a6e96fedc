using System.Net;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Tests.TestSupport;
using Booking.Data.Auditing;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// Manager pages need a two-factor sign-in: a password alone (the demo manager's, or a manager's who has not set up an
/// authenticator yet) opens reception pages but not the set-up, staff or audit pages; the code of an authenticator app
/// (computed here by Otp.NET, independently of Identity) or a recovery code opens them, on every request after.
/// </summary>
public sealed partial class TwoFactorSignInTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public TwoFactorSignInTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task ManagerPassword_WithoutTheCode_SignsNothingIn()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await StaffSignIn.PostLoginAsync(client, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        StaffSignIn.IsSecondFactorPage(response.Headers.Location).Should().BeTrue("a right password leads to the code, not in");
        var auditLog = await client.GetAsync("/manage/audit");
        auditLog.StatusCode.Should().Be(HttpStatusCode.Redirect);
        auditLog.Headers.Location!.PathAndQueryOf().Should().StartWith("/Account/Login");
        (await client.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect, "not even the reception pages open");
    }

    [Fact]
    public async Task ManagerCode_Right_OpensManagerPagesOnEveryRequest()
    {
        var manager = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        // Every request re-reads the account (security stamp check) and rebuilds the sign-in: it must stay a two-factor one.
        for (var request = 0; request < 3; request++)
        {
            (await manager.GetAsync("/manage/audit")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await manager.GetAsync("/manage/reports/csv/channel-share?from=2026-11-16&to=2026-11-22")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ManagerCode_Wrong_StaysOnTheCodePageSayingSoAndSignsNothingIn()
    {
        var client = StaffSignIn.CreateClient(_factory);
        var password = await StaffSignIn.PostLoginAsync(client, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var wrong = await StaffSignIn.PostSecondFactorAsync(client, password.Headers.Location!.PathAndQueryOf(), CodeNoAppShowsNow(Authenticator.DemoManagerKey));

        wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right.");
        (await client.GetAsync("/manage/audit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task CodePage_WithoutARightPasswordFirst_SendsToTheSignInPage()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync(StaffSignIn.SecondFactorPath);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQueryOf().Should().Be("/Account/Login");
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnceOnly()
    {
        const string email = "casey.recovery@demo.practice";
        var key = await AddManagerWithTwoFactorAsync(email, "Casey Recovery");
        var codes = await InScopeAsync(async (accounts, userId) => (await accounts.RenewRecoveryCodesAsync(userId)).RecoveryCodes, email);
        codes.Should().HaveCount(StaffAccounts.RecoveryCodeCount);

        var first = StaffSignIn.CreateClient(_factory);
        var password = await StaffSignIn.PostLoginAsync(first, email, StaffSignIn.ManagerPassword);
        (await StaffSignIn.PostSecondFactorAsync(first, password.Headers.Location!.PathAndQueryOf(), codes[0])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await first.GetAsync("/manage/audit")).StatusCode.Should().Be(HttpStatusCode.OK);

        var second = StaffSignIn.CreateClient(_factory);
        password = await StaffSignIn.PostLoginAsync(second, email, StaffSignIn.ManagerPassword);
        var reused = await StaffSignIn.PostSecondFactorAsync(second, password.Headers.Location!.PathAndQueryOf(), codes[0]);
        reused.StatusCode.Should().Be(HttpStatusCode.OK, "a used recovery code is refused");
        (await second.GetAsync("/manage/audit")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        key.Should().NotBeEmpty();
    }

    [Fact]
    public async Task ManagerWithoutTwoFactor_OpensReceptionButNotManagerPages_AndIsToldHowToGetIn()
    {
        const string email = "drew.newmanager@demo.practice";
        await AddStaffAsync(email, "Drew Newmanager", StaffRoles.PracticeManager);
        var client = await StaffSignIn.SignedInClientAsync(_factory, email, StaffSignIn.ManagerPassword);

        (await client.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);
        var refused = await client.GetAsync("/manage/rota");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var deniedPage = await client.GetStringAsync(refused.Headers.Location!.PathAndQueryOf());
        deniedPage.Should().Contain("This page needs a two-factor sign-in.").And.Contain("href=\"/Account\"");
        (await client.GetAsync("/manage/audit/csv")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccountPage_SetUpWithTheAppsCode_OpensManagerPagesAndNextSignInAsksForTheCode()
    {
        const string email = "ellis.setup@demo.practice";
        await AddStaffAsync(email, "Ellis Setup", StaffRoles.PracticeManager);
        var client = await StaffSignIn.SignedInClientAsync(_factory, email, StaffSignIn.ManagerPassword);
        var page = await client.GetStringAsync("/Account");
        var key = WebUtility.HtmlDecode(AuthenticatorKey().Match(page).Groups[1].Value);
        key.Should().NotBeEmpty("the page shows the key to type into an app");
        page.Should().Contain("<svg").And.Contain("QR code for your authenticator app");

        var wrong = await PostAccountFormAsync(client, "enable-two-factor", new() { ["EnableForm.Code"] = CodeNoAppShowsNow(key) });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right.");
        (await client.GetAsync("/manage/rota")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var enabled = await PostAccountFormAsync(client, "enable-two-factor", new() { ["EnableForm.Code"] = Authenticator.CodeNow(key) });
        var enabledPage = await enabled.Content.ReadAsStringAsync();
        enabledPage.Should().Contain("Two-factor sign-in is on.");
        RecoveryCode().Matches(enabledPage).Should().HaveCount(StaffAccounts.RecoveryCodeCount);
        (await client.GetAsync("/manage/rota")).StatusCode.Should().Be(HttpStatusCode.OK, "proving the app's code makes this sign-in a two-factor one");

        var next = StaffSignIn.CreateClient(_factory);
        var password = await StaffSignIn.PostLoginAsync(next, email, StaffSignIn.ManagerPassword);
        StaffSignIn.IsSecondFactorPage(password.Headers.Location).Should().BeTrue();
    }

    [Fact]
    public async Task AccountPage_ChangePassword_WrongCurrentSaysSoNextToIt_RightOneEndsOtherSignIns()
    {
        const string email = "frankie.password@demo.practice";
        await AddStaffAsync(email, "Frankie Password", StaffRoles.Receptionist);
        var client = await StaffSignIn.SignedInClientAsync(_factory, email, StaffSignIn.ManagerPassword);
        var otherDevice = await StaffSignIn.SignedInClientAsync(_factory, email, StaffSignIn.ManagerPassword);

        var wrong = await PostAccountFormAsync(client, "change-password", new()
        {
            ["PasswordForm.Current"] = "Not-The-Password-2026!", ["PasswordForm.New"] = "A-New-Password-2026!", ["PasswordForm.Confirm"] = "A-New-Password-2026!",
        });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("The current password is not right.");

        var changed = await PostAccountFormAsync(client, "change-password", new()
        {
            ["PasswordForm.Current"] = StaffSignIn.ManagerPassword, ["PasswordForm.New"] = "A-New-Password-2026!", ["PasswordForm.Confirm"] = "A-New-Password-2026!",
        });
        (await changed.Content.ReadAsStringAsync()).Should().Contain("Your password is changed");

        (await client.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK, "this browser keeps its sign-in");
        (await otherDevice.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the other sign-in ended");
        (await StaffSignIn.PostLoginAsync(StaffSignIn.CreateClient(_factory), email, StaffSignIn.ManagerPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer signs in");
        await StaffSignIn.SignedInClientAsync(_factory, email, "A-New-Password-2026!");
    }

    private async Task<HttpResponseMessage> PostAccountFormAsync(HttpClient client, string formName, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await StaffSignIn.FormTokenAsync(client, "/Account");
        fields["_handler"] = formName;
        return await client.PostAsync("/Account", new FormUrlEncodedContent(fields));
    }

    // The codes an app could show within Identity's tolerance (two 30-second steps either side) are all avoided.
    private static string CodeNoAppShowsNow(string key)
    {
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal)));
        var near = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !near.Contains(code));
    }

    private async Task AddStaffAsync(string email, string name, string role)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .AddAsync(email, name, role, StaffSignIn.ManagerPassword, ActingParty.System("test"));
        result.Succeeded.Should().BeTrue(result.Message);
    }

    private async Task<string> AddManagerWithTwoFactorAsync(string email, string name)
    {
        await AddStaffAsync(email, name, StaffRoles.PracticeManager);
        return await InScopeAsync(async (accounts, userId) =>
        {
            var setup = await accounts.AuthenticatorSetupAsync(userId);
            (await accounts.EnableTwoFactorAsync(userId, Authenticator.CodeNow(setup!.SharedKey))).Result.Succeeded.Should().BeTrue();
            return setup.SharedKey;
        }, email);
    }

    private async Task<T> InScopeAsync<T>(Func<StaffAccounts, string, Task<T>> work, string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        return await work(scope.ServiceProvider.GetRequiredService<StaffAccounts>(), user!.Id);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>[A-Z0-9]{5}-[A-Z0-9]{5}</code></li>")]
    private static partial Regex RecoveryCode();
}
