using System.Net;
using Booking.Tests.TestSupport;
using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// Signing out ends the sign-in, not just this browser's copy of it: a cookie copied before sign-out (another tab,
/// another machine, a stolen cookie) opens nothing afterwards, pages and patient CSVs alike; nor does one copied before
/// the operator disables the account.
/// </summary>
public sealed class SignOutEverywhereTests : IClassFixture<BookingWebFactory>
{
    private const string DayListCsv = "/appointments/daylist.csv?practitioner=1&date=2026-11-23";
    private const string SecondReceptionist = "reception2@demo.practice";

    private readonly BookingWebFactory _factory;

    public SignOutEverywhereTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task SignOut_CookieCopiedBefore_NoLongerOpensTheAuditLogOrTheDayListCsv()
    {
        var (manager, jar) = await SignedInAsync(StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        var copied = ClientWithCopyOf(jar);
        (await copied.GetAsync("/manage/audit")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the sign-in holds");

        (await StaffSignIn.SignOutAsync(manager)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var auditLog = await copied.GetAsync("/manage/audit");
        auditLog.StatusCode.Should().Be(HttpStatusCode.Redirect);
        auditLog.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        var csv = await copied.GetAsync(DayListCsv);
        csv.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
        csv.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_ThenSignInAgain_WorksAndTheOldCopyStaysRefused()
    {
        var (first, jar) = await SignedInAsync(StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        var copied = ClientWithCopyOf(jar);
        await StaffSignIn.SignOutAsync(first);

        var again = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        (await again.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await copied.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task StaffDisable_CookieTakenBefore_IsRefusedAfter()
    {
        var (_, jar) = await SignedInAsync(SecondReceptionist, StaffSignIn.ReceptionistPassword);
        var copied = ClientWithCopyOf(jar);
        (await copied.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await StaffCommandAsync(["disable", "--email", SecondReceptionist])).Should().Be(0);

        var refused = await copied.GetAsync("/appointments");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        (await copied.GetAsync(DayListCsv)).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailedSignInsByAnotherCaller_LockTheAccountButLeaveItsSessionWorking()
    {
        // A deliberate choice: anyone who knows a member of staff's email can type five wrong passwords, so a lockout
        // that ended the sessions would let an anonymous caller sign any receptionist out in mid-call, every 15
        // minutes, and would stop no attacker. The operator's staff disable is what ends a session for good.
        const string email = "robin.locked@demo.practice";
        (await StaffCommandAsync(["add", "--email", email, "--name", "Robin Locked", "--role", "receptionist", "--password-stdin"], StaffSignIn.ManagerPassword))
            .Should().Be(0);
        var (signedIn, _) = await SignedInAsync(email, StaffSignIn.ManagerPassword);
        var guesser = StaffSignIn.CreateClient(_factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await StaffSignIn.PostLoginAsync(guesser, email, "Wrong-Password-2026!");
        }

        (await StaffSignIn.PostLoginAsync(StaffSignIn.CreateClient(_factory), email, StaffSignIn.ManagerPassword))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the account is locked: even the right password stays on the sign-in page");
        (await signedIn.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DayListCsv_SignedIn_IsNeverCached()
    {
        var receptionist = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await receptionist.GetAsync(DayListCsv);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("a day list holds patient details");
    }

    private async Task<(HttpClient Client, CookieContainer Jar)> SignedInAsync(string email, string password)
    {
        var jar = new CookieContainer();
        var client = _factory.CreateDefaultClient(new CookieContainerHandler(jar));
        var response = await StaffSignIn.PostLoginAsync(client, email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        if (StaffSignIn.IsSecondFactorPage(response.Headers.Location))
        {
            (await StaffSignIn.PostSecondFactorAsync(client, response.Headers.Location!.PathAndQueryOf(), Authenticator.CodeNow(Authenticator.DemoManagerKey)))
                .StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        return (client, jar);
    }

    /// <summary>An operator command on the app's database, as the operator runs it beside the running app.</summary>
    private async Task<int> StaffCommandAsync(string[] words, string stdin = "")
    {
        using var output = new StringWriter();
        return await AdminCommands.RunAsync(
            HostArguments.Split(["staff", .. words, "--ConnectionStrings:Booking=" + _factory.Database.ConnectionString]),
            output, output, new StringReader(stdin));
    }

    /// <summary>A second client carrying a copy of the cookies, as a second tab or a copied cookie would.</summary>
    private HttpClient ClientWithCopyOf(CookieContainer jar)
    {
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        copy.GetAllCookies().Should().Contain(c => c.Name == ".AspNetCore.Identity.Application");
        return _factory.CreateDefaultClient(new CookieContainerHandler(copy));
    }
}
