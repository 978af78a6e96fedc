using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web;

public sealed class AuthorizationTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public AuthorizationTests(BookingWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/manage/audit")]
    public async Task Get_Anonymous_RedirectsToSignIn(string path)
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task Get_SignInPage_IsServedAnonymously()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync("/Account/Login");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Sign in");
    }

    [Fact]
    public async Task Get_ManagerPage_AsReceptionist_IsRefused()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/audit");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task Get_ManagerPage_AsManager_IsServed()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/audit");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Audit log");
    }

    [Fact]
    public async Task PostLogin_WithoutAntiforgeryToken_IsRejected()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = StaffSignIn.ReceptionistEmail,
            ["Input.Password"] = StaffSignIn.ReceptionistPassword,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Health_Anonymous_ReportsHealthy()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
