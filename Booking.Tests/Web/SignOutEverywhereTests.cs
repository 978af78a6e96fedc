using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// Signing out ends the sign-in, not just this browser's copy of it: a cookie copied before sign-out (another tab,
/// another machine, a stolen cookie) opens nothing afterwards, pages and patient CSVs alike.
/// </summary>
public sealed class SignOutEverywhereTests : IClassFixture<BookingWebFactory>
{
    private const string DayListCsv = "/appointments/daylist.csv?practitioner=1&date=2026-11-23";

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
        (await StaffSignIn.PostLoginAsync(client, email, password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, jar);
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
