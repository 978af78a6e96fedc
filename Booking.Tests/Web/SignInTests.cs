using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;
using Microsoft.EntityFrameworkCore;

namespace Booking.Tests.Web;

public sealed class SignInTests : IClassFixture<BookingWebFactory>
{
    private const string SecondReceptionist = "reception2@demo.practice";
    private readonly BookingWebFactory _factory;

    public SignInTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task PostLogin_WrongPassword_ShowsErrorAndCountsFailure()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await StaffSignIn.PostLoginAsync(client, StaffSignIn.ManagerEmail, "not-the-password-1A!");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The email or password is not right, or the account is locked.");
        await using var db = _factory.Database.CreateContext();
        var manager = await db.Users.SingleAsync(u => u.Email == StaffSignIn.ManagerEmail);
        manager.AccessFailedCount.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task PostLogin_FiveFailures_LocksOutEvenTheRightPassword()
    {
        var client = StaffSignIn.CreateClient(_factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await StaffSignIn.PostLoginAsync(client, SecondReceptionist, "wrong-password-" + attempt + "A!");
        }

        var response = await StaffSignIn.PostLoginAsync(client, SecondReceptionist, StaffSignIn.ReceptionistPassword);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a locked-out user stays on the sign-in page");
        (await response.Content.ReadAsStringAsync()).Should().Contain("The email or password is not right, or the account is locked.",
            "a locked account gets the message every failure gets (SignInLeakTests)");
        await using var db = _factory.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == SecondReceptionist);
        user.LockoutEnd.Should().NotBeNull();
    }

    [Fact]
    public async Task PostLogin_EmptyFields_ShowsWhatIsMissing()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await StaffSignIn.PostLoginAsync(client, "", "");

        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Enter your email address.").And.Contain("Enter your password.");
    }

    [Fact]
    public async Task PostLogin_LocalReturnUrl_RedirectsThere()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await StaffSignIn.PostLoginAsync(
            client, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword, "/Account/Login?returnUrl=%2Fappointments%2Ffind");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        location.Authority.Should().Be(client.BaseAddress!.Authority);
        location.PathAndQuery.Should().Be("/appointments/find");
    }

    [Fact]
    public async Task PostLogin_TwoFactorAccountWithLocalReturnUrl_GoesThereAfterTheCode()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var password = await StaffSignIn.PostLoginAsync(
            client, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword, "/Account/Login?returnUrl=%2Fmanage%2Faudit");
        StaffSignIn.IsSecondFactorPage(password.Headers.Location).Should().BeTrue();
        var code = await StaffSignIn.PostSecondFactorAsync(client, password.Headers.Location!.PathAndQueryOf(), Authenticator.CodeNow(Authenticator.DemoManagerKey));

        code.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = new Uri(client.BaseAddress!, code.Headers.Location!);
        location.Authority.Should().Be(client.BaseAddress!.Authority);
        location.PathAndQuery.Should().Be("/manage/audit");
    }

    [Fact]
    public async Task PostLogin_ExternalReturnUrl_RedirectsHomeInstead()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await StaffSignIn.PostLoginAsync(
            client, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword, "/Account/Login?returnUrl=https://evil.example/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        location.Authority.Should().Be(client.BaseAddress!.Authority, "sign-in never sends staff to another site");
        location.PathAndQuery.Should().Be("/");
    }
}
