using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The set-up pages through the real pipeline: only practice managers get in.</summary>
public sealed class SetupAuthorizationTests(BookingWebFactory factory) : IClassFixture<BookingWebFactory>
{
    [Theory]
    [InlineData("/manage/services")]
    [InlineData("/manage/practitioners")]
    [InlineData("/manage/sites")]
    [InlineData("/manage/api-clients")]
    public async Task Get_Anonymous_RedirectsToSignIn(string path)
    {
        var client = StaffSignIn.CreateClient(factory);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Theory]
    [InlineData("/manage/services")]
    [InlineData("/manage/practitioners")]
    [InlineData("/manage/sites")]
    [InlineData("/manage/api-clients")]
    public async Task Get_AsReceptionist_RedirectsToAccessDenied(string path)
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Theory]
    [InlineData("/manage/services", ">Services</h1>", "GP appointment")]
    [InlineData("/manage/practitioners", ">Clinicians</h1>", "Dr Anita Patel")]
    [InlineData("/manage/sites", ">Sites</h1>", "Riverside branch")]
    [InlineData("/manage/api-clients", ">API clients</h1>", "Register API client")]
    public async Task Get_AsPracticeManager_IsServedWithTheList(string path, string heading, string content)
    {
        var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(heading).And.Contain(content);
    }
}
