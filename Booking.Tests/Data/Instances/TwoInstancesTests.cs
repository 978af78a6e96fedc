using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data.Instances;

/// <summary>
/// Two <c>Booking.Web</c> processes on one database, as behind a load balancer, sharing nothing else (issue 15, item 4):
/// a sign-in cookie and a form's antiforgery token from one are accepted by the other, an access token from one is
/// accepted by the other and by an instance started after it, and a booking on one is gone from the other's free slots
/// within two seconds. In <c>./test.sh</c> this runs on SQLite and again on PostgreSQL, the deployed shape.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    /// <summary>The bound for a booking on one instance to reach the other.</summary>
    private static readonly TimeSpan SeenWithin = TimeSpan.FromSeconds(2);

    private RunningApp _first = null!;
    private RunningApp _second = null!;

    public async Task InitializeAsync()
    {
        // One after the other: the first migrates and seeds the demo practice, the second finds them done.
        _first = await RunningApp.StartAsync();
        _second = await _first.StartAnotherInstanceAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task SignInFormFromOneInstance_PostedToTheOther_SignsIn_AndItsCookieIsAcceptedByTheFirst()
    {
        // Cookies are scoped by host, not port: one container carries them to both instances, as one browser would.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        var token = await StaffSignIn.FormTokenAsync(browser, new Uri(_first.BaseAddress, "/Account/Login").ToString());

        using var signedIn = await StaffSignIn.PostLoginFormAsync(
            browser, new Uri(_second.BaseAddress, "/Account/Login").ToString(), token, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the second instance accepts the first's antiforgery token");
        signedIn.Headers.Location!.ToString().Should().NotContain("/Account/Login");

        using var book = await browser.GetAsync(new Uri(_first.BaseAddress, "/appointments"));
        book.StatusCode.Should().Be(HttpStatusCode.OK, "the first instance accepts the cookie the second issued");
        (await book.Content.ReadAsStringAsync()).Should().Contain("Appointment book");
    }

    [Fact]
    public async Task AccessTokenFromOneInstance_IsAcceptedByTheOther_AndByAnInstanceStartedAfterBothStopped()
    {
        using var consumer = await RegisterConsumerAsync(ChannelKind.Online);
        using var first = FhirWire.CreateHttp(_first.BaseAddress);
        var token = await consumer.GetTokenAsync(first);

        (await SearchAsync(_second, token)).StatusCode.Should().Be(HttpStatusCode.OK);

        await _second.DisposeAsync();
        await _first.KillAsync();
        _second = await _first.StartAnotherInstanceAsync();
        (await SearchAsync(_second, token)).StatusCode.Should().Be(HttpStatusCode.OK, "the signing key is in the database, not in a process");
    }

    [Fact]
    public async Task BookingOnOneInstance_IsGoneFromTheOthersFreeSlots_WithinTwoSeconds()
    {
        using var consumer = await RegisterConsumerAsync(ChannelKind.Online);
        using var first = FhirWire.CreateHttp(_first.BaseAddress);
        var token = await consumer.GetTokenAsync(first);
        var free = await FreeSlotsAsync(_second, token);
        free.Should().NotBeEmpty("the demo practice releases slots online in the coming fortnight");
        var slot = free[0];

        using var book = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(FhirWire.Appointment(slot.Id, slot.Start, slot.End, TestNhsNumbers.Next()), System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        book.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var booked = await first.SendAsync(book);
        booked.StatusCode.Should().Be(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());

        var waited = Stopwatch.StartNew();
        while ((await FreeSlotsAsync(_second, token)).Any(s => s.Id == slot.Id))
        {
            waited.Elapsed.Should().BeLessThan(SeenWithin, "the second instance hears of the booking through the change notices");
            await Task.Delay(50);
        }
    }

    private async Task<SmartClient> RegisterConsumerAsync(ChannelKind channel)
    {
        var consumer = new SmartClient("instances-" + Guid.NewGuid().ToString("N")[..8], SystemClock.Instance);
        await using var db = _first.Database.CreateContext();
        await consumer.RegisterAsync(db, FhirConsumer.Scopes, channel: channel);
        return consumer;
    }

    private static async Task<HttpResponseMessage> SearchAsync(RunningApp app, string token)
    {
        using var http = FhirWire.CreateHttp(app.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, SearchPath());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<IReadOnlyList<(string Id, string Start, string End)>> FreeSlotsAsync(RunningApp app, string token)
    {
        using var response = await SearchAsync(app, token);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var bundle = JsonDocument.Parse(body);
        return bundle.RootElement.TryGetProperty("entry", out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource")).Where(r => r.GetProperty("resourceType").GetString() == "Slot")
                .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("start").GetString()!, r.GetProperty("end").GetString()!))]
            : [];
    }

    private static string SearchPath()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(PracticeTime.Zone).Date;
        return $"/fhir/Slot?status=free&start=ge{today.PlusDays(1):yyyy-MM-dd}&start=le{today.PlusDays(13):yyyy-MM-dd}&_count=20";
    }
}
