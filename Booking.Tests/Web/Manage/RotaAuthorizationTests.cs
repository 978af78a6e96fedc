using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The rota editor through the real pipeline: only practice managers are served it, on the server.</summary>
public sealed class RotaAuthorizationTests(BookingWebFactory factory) : IClassFixture<BookingWebFactory>
{
    [Fact]
    public async Task GetRota_Anonymous_RedirectsToSignIn()
    {
        var client = StaffSignIn.CreateClient(factory);

        var response = await client.GetAsync("/manage/rota");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task GetRota_AsReceptionist_IsRefusedOnTheServer()
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/rota?week=2026-12-28");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task GetRota_AsPracticeManager_IsServed()
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/rota");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Week of").And.Contain("data-testid=\"rota-grid\"");
    }
}
