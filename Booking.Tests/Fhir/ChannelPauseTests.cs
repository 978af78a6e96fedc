using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// The busy-day brake through the real HTTP pipeline: once a manager pauses online booking for today, an online
/// client's slot search loses today's slots within a second and a booking into one is 422 with the reason; lifting
/// the pause gives them back. The demo practice on Monday 23 November 2026 at 09:00, when GP slots are online.
/// </summary>
public sealed class ChannelPauseTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string Reason = "Two GPs off sick";
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly ActingParty Manager = ActingParty.Staff("user-pause-test", "Pat Manager");
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _patientApp;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public ChannelPauseTests(BookingWebFactory factory)
    {
        _factory = factory;
        _factory.Clock.Reset(BookingWebFactory.DefaultNow.InZoneStrictly(London).ToInstant());
        _patientApp = new SmartClient("patient-app-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    private LocalDate Today => _factory.Clock.GetCurrentInstant().InZone(London).Date;

    private string TodaysFreeSlots => $"/fhir/Slot?status=free&start=ge{Today:yyyy-MM-dd}&start=le{Today:yyyy-MM-dd}";

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _patientApp.RegisterAsync(db, "system/Slot.rs system/Appointment.cru", odsCode: "Y55555", channel: ChannelKind.Online);
        }

        _token = await _patientApp.GetTokenAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _patientApp.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Fact]
    public async Task PauseOnlineToday_OnlineClient_LosesTodaysSlotsWithinASecondIsRefused422WithTheReasonAndGetsThemBackOnResume()
    {
        var before = await GetJsonAsync(TodaysFreeSlots);
        var total = before.GetProperty("total").GetInt32();
        total.Should().BeGreaterThan(0, "the demo offers GP slots online on the day");
        var slot = before.GetProperty("entry")[0].GetProperty("resource");
        var store = _factory.Services.GetRequiredService<ConfigurationStore>();

        var paused = await store.PauseChannelAsync(PausableChannel.Online, new DateInterval(Today, Today), Reason, Manager);
        var since = Stopwatch.StartNew();

        paused.Succeeded.Should().BeTrue(paused.Message);
        (await TotalOnceAsync(0)).Should().Be(0);
        since.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        using (var booking = await BookAsync(slot))
        {
            booking.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            var outcome = JsonDocument.Parse(await booking.Content.ReadAsStringAsync()).RootElement;
            outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            outcome.GetRawText().Should().Contain(Reason);
        }

        (await store.LiftChannelPauseAsync(paused.Value!.Id, Manager)).Succeeded.Should().BeTrue();
        since.Restart();
        (await TotalOnceAsync(total)).Should().Be(total);
        since.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    // Searches until today's total is the one expected, for at most a second (the promise), and gives the last total.
    private async Task<int> TotalOnceAsync(int expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var total = (await GetJsonAsync(TodaysFreeSlots)).GetProperty("total").GetInt32();
            if (total == expected || waited.Elapsed > TimeSpan.FromSeconds(1))
            {
                return total;
            }

            await Task.Delay(50);
        }
    }

    private async Task<HttpResponseMessage> BookAsync(JsonElement slot)
    {
        var nhsNumber = TestNhsNumbers.Next();
        var body = JsonSerializer.Serialize(new
        {
            resourceType = "Appointment",
            status = "booked",
            contained = new object[]
            {
                new
                {
                    resourceType = "Patient", id = "patient",
                    identifier = new[] { new { system = "https://fhir.nhs.uk/Id/nhs-number", value = nhsNumber } },
                    name = new[] { new { family = "Smith", given = new[] { "Jo" } } },
                    birthDate = "1980-05-17",
                },
            },
            start = slot.GetProperty("start").GetString(),
            end = slot.GetProperty("end").GetString(),
            slot = new[] { new { reference = "Slot/" + slot.GetProperty("id").GetString() } },
            participant = new[]
            {
                new { actor = new { identifier = new { system = "https://fhir.nhs.uk/Id/nhs-number", value = nhsNumber } }, status = "accepted" },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
