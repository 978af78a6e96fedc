using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Booking.Load.Harness;

/// <summary>
/// A receptionist signed in through the app's real sign-in form (its antiforgery token included, as a browser posts
/// it); the sign-in cookie then rides on each staff booking sent to the app's load door (<c>Booking:LoadDoor</c>,
/// Development only; Booking.Web's LoadDoor.cs).
/// </summary>
public sealed partial class StaffDesk
{
    /// <summary>The demo receptionists the app seeds in Development on a file without staff (listed in the README).</summary>
    public static readonly IReadOnlyList<string> DemoReceptionists = ["reception@demo.practice", "reception2@demo.practice"];

    public const string DemoReceptionistPassword = "Demo-Reception-2026!";

    /// <summary>The door's staff booking: the one call the booking form makes, for the signed-in member of staff.</summary>
    public const string BookingPath = "/load/staff-booking";

    /// <summary>How long each write transaction held the lock since the last reset (and <c>/reset</c> to start again).</summary>
    public const string WriteLockPath = "/load/write-lock";

    private StaffDesk(string email, string cookieHeader)
    {
        Email = email;
        CookieHeader = cookieHeader;
    }

    public string Email { get; }

    /// <summary>The <c>Cookie</c> header a signed-in browser would send.</summary>
    public string CookieHeader { get; }

    /// <summary>A client for staff requests: many connections, cookies sent by hand per desk rather than kept.</summary>
    public static HttpClient CreateHttp(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000, UseCookies = false, AllowAutoRedirect = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Every demo receptionist, signed in.</summary>
    public static async Task<IReadOnlyList<StaffDesk>> SignInDemoReceptionistsAsync(Uri baseAddress, CancellationToken cancellationToken = default)
    {
        var desks = new List<StaffDesk>();
        foreach (var email in DemoReceptionists)
        {
            desks.Add(await SignInAsync(baseAddress, email, DemoReceptionistPassword, cancellationToken));
        }

        return desks;
    }

    public static async Task<StaffDesk> SignInAsync(Uri baseAddress, string email, string password, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync("/Account/Login", cancellationToken);
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        }

        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(baseAddress)[".AspNetCore.Identity.Application"] is null)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode} without a sign-in cookie.");
        }

        return new StaffDesk(email, cookies.GetCookieHeader(baseAddress));
    }

    /// <summary>How long one kind of write transaction held the lock, as the door reports it (milliseconds).</summary>
    public sealed record WriteLockFigures(string Operation, int Count, double P50, double P99, double Max);

    /// <summary>Forgets the lock times recorded so far, so that what is read next is the rush's alone.</summary>
    public static async Task ResetWriteLockAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(WriteLockPath + "/reset", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<IReadOnlyList<WriteLockFigures>> WriteLockAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var text = await http.GetStringAsync(WriteLockPath, cancellationToken);
        return JsonSerializer.Deserialize<List<WriteLockFigures>>(text, JsonSerializerOptions.Web) ?? [];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
