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

    /// <summary>
    /// A client signed in as <paramref name="email"/>: the password form, and for an account with two-factor sign-in
    /// (the demo manager's key by default) the code form with the code an authenticator app would show.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(BookingWebFactory factory, string email, string password, string? authenticatorKey = null)
    {
        var client = CreateClient(factory);
        var response = await PostLoginAsync(client, email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a right password redirects");
        if (IsSecondFactorPage(response.Headers.Location))
        {
            var key = authenticatorKey ?? (email == ManagerEmail ? Authenticator.DemoManagerKey : throw new InvalidOperationException($"{email} needs its authenticator key"));
            response = await PostSecondFactorAsync(client, response.Headers.Location!.PathAndQueryOf(), Authenticator.CodeNow(key));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a right code redirects");
            IsSecondFactorPage(response.Headers.Location).Should().BeFalse("a right code signs in");
        }

        return client;
    }

    /// <summary>Where the sign-in form sends an account with two-factor sign-in after a right password.</summary>
    public const string SecondFactorPath = "/Account/LoginWith2fa";

    /// <summary>True when a redirect goes to the two-factor page (Blazor writes absolute Location headers).</summary>
    public static bool IsSecondFactorPage(Uri? location) =>
        location is not null && location.PathAndQueryOf().StartsWith(SecondFactorPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path and query of a Location header, relative or absolute.</summary>
    public static string PathAndQueryOf(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : new Uri(new Uri("http://localhost"), location).PathAndQuery;

    /// <summary>Posts <paramref name="code"/> to the two-factor page at <paramref name="path"/> (its query keeps the return URL).</summary>
    public static async Task<HttpResponseMessage> PostSecondFactorAsync(HttpClient client, string path, string code) =>
        await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormTokenAsync(client, path),
            ["_handler"] = "second-factor",
            ["Input.Code"] = code,
        }));

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
