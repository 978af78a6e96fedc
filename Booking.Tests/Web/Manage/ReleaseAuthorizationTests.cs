using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The release rules page through the real pipeline: only practice managers get in.</summary>
public sealed class ReleaseAuthorizationTests(BookingWebFactory factory) : IClassFixture<BookingWebFactory>
{
    [Fact]
    public async Task GetReleasePage_Anonymous_RedirectsToSignIn()
    {
        var client = StaffSignIn.CreateClient(factory);

        var response = await client.GetAsync("/manage/release");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task GetReleasePage_AsReceptionist_IsRefused()
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/release");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Release rules and quotas");
    }

    [Fact]
    public async Task GetReleasePage_AsManager_ListsTheRulesInPlainEnglish()
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/release");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("Release rules and quotas");
        html.Should().Contain("Online patients: from 08:00, 14 days before, up to 14 days ahead");
        html.Should().Contain("Unbooked slots go back to reception 1 hour before the start.");
    }
}
