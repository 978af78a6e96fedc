using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>Signs in through the real sign-in form (antiforgery token included), as a browser would.</summary>
public static partial class StaffSignIn
{
    public const string ManagerEmail = "manager@demo.practice";
    public const string ManagerPassword = "Demo-Manager-2026!";
    public const string ReceptionistEmail = "reception@demo.practice";
    public const string ReceptionistPassword = "Demo-Reception-2026!";

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public static HttpClient CreateClient(BookingWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostLoginAsync(
        HttpClient client, string email, string password, string loginPath = "/Account/Login") =>
        await PostLoginFormAsync(client, loginPath, await FormTokenAsync(client, loginPath), email, password);

    /// <summary>The antiforgery token of the sign-in form at <paramref name="loginPath"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string loginPath)
    {
        var form = await client.GetStringAsync(loginPath);
        var token = AntiforgeryField().Match(form);
        token.Success.Should().BeTrue("the sign-in form carries an antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts the sign-in form with a token from <see cref="FormTokenAsync"/>.</summary>
    public static Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string loginPath, string token, string email, string password) =>
        client.PostAsync(loginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));

    public static async Task<HttpClient> SignedInClientAsync(BookingWebFactory factory, string email, string password)
    {
        var client = CreateClient(factory);
        var response = await PostLoginAsync(client, email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a successful sign-in redirects");
        return client;
    }

    /// <summary>Signs out with the form every page carries (its antiforgery token included), as the Sign out button does.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/");
        var token = AntiforgeryField().Match(page);
        token.Success.Should().BeTrue("the sign-out form carries an antiforgery token");
        return await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
