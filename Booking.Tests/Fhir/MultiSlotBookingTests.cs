using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// An appointment over several adjacent slots of one schedule (issue 13, part 4; GP Connect allows it), booked by NHS
/// 111 in the demo's 12:00 urgent-care session (three ten-minute slots a day, a daily quota of three): all the slots or
/// none, under the same guarantees as one slot.
/// </summary>
public sealed class MultiSlotBookingTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public MultiSlotBookingTests() => _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.crus");
        }

        _token = await _nhs111.GetTokenAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Book_TwoAdjacentSlots_Is201WithBothSlotsFromTheFirstStartToTheLastEnd_AndBothReadBusy()
    {
        var slots = await TodaysSlotsAsync();

        var response = await PostAsync(AppointmentJson(slots[0], slots[1]));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("slot").EnumerateArray().Select(s => s.GetProperty("reference").GetString())
            .Should().Equal("Slot/" + Id(slots[0]), "Slot/" + Id(slots[1]));
        body.GetProperty("start").GetString().Should().Be(slots[0].GetProperty("start").GetString());
        body.GetProperty("end").GetString().Should().Be(slots[1].GetProperty("end").GetString());
        (await GetAsync("/fhir/Slot/" + Id(slots[0]))).GetProperty("status").GetString().Should().Be("busy");
        (await GetAsync("/fhir/Slot/" + Id(slots[1]))).GetProperty("status").GetString().Should().Be("busy");
        var read = await GetAsync("/fhir/Appointment/" + body.GetProperty("id").GetString());
        read.GetProperty("slot").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Book_SlotsWithAGap_Is422NamingTheSlots()
    {
        var slots = await TodaysSlotsAsync();

        var response = await PostAsync(AppointmentJson(slots[0], slots[2]));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var issue = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("issue")[0];
        issue.GetProperty("expression")[0].GetString().Should().Be("Appointment.slot");
        issue.GetProperty("diagnostics").GetString().Should().Contain("adjacent");
    }

    [Fact]
    public async Task Book_StartAndEndOfTheFirstSlotOnly_Is422()
    {
        var slots = await TodaysSlotsAsync();
        var body = JsonNode.Parse(AppointmentJson(slots[0], slots[1]))!.AsObject();
        body["end"] = slots[0].GetProperty("end").GetString();

        var response = await PostAsync(body.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain(slots[1].GetProperty("end").GetString());
    }

    [Fact]
    public async Task Book_SecondSlotTaken_Is409AndTheFirstStaysFree()
    {
        var slots = await TodaysSlotsAsync();
        (await PostAsync(AppointmentJson(slots[1]))).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await PostAsync(AppointmentJson(slots[0], slots[1]));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await GetAsync("/fhir/Slot/" + Id(slots[0]))).GetProperty("status").GetString().Should().Be("free");
        await using var db = _factory.Database.CreateContext();
        (await db.AppointmentSlots.CountAsync(s => s.SlotId == Id(slots[0]))).Should().Be(0);
    }

    [Fact]
    public async Task Book_OverlappingPairsRace_ExactlyOneWins_AndNoSlotIsHeldTwice()
    {
        var slots = await TodaysSlotsAsync();
        var bodies = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? AppointmentJson(slots[0], slots[1]) : AppointmentJson(slots[1], slots[2]));

        var responses = await Task.WhenAll(bodies.Select(PostAsync));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1, "every pair holds the middle slot");
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict);
        await using var db = _factory.Database.CreateContext();
        var todays = slots.Select(Id).ToList();
        var held = await db.AppointmentSlots
            .Where(s => todays.Contains(s.SlotId) && s.Status != Booking.Core.Appointments.AppointmentStatus.Cancelled)
            .Select(s => s.SlotId).ToListAsync();
        held.Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Cancel_AnAppointmentOverTwoSlots_FreesBoth()
    {
        var slots = await TodaysSlotsAsync();
        var created = JsonDocument.Parse(await (await PostAsync(AppointmentJson(slots[0], slots[1]))).Content.ReadAsStringAsync()).RootElement;
        var cancel = JsonNode.Parse(created.GetRawText())!.AsObject();
        cancel["status"] = "cancelled";

        using var request = new HttpRequestMessage(HttpMethod.Put, "/fhir/Appointment/" + created.GetProperty("id").GetString())
        {
            Content = new StringContent(cancel.ToJsonString(), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await GetAsync("/fhir/Slot/" + Id(slots[0]))).GetProperty("status").GetString().Should().Be("free");
        (await GetAsync("/fhir/Slot/" + Id(slots[1]))).GetProperty("status").GetString().Should().Be("free");
    }

    private static string Id(JsonElement slot) => slot.GetProperty("id").GetString()!;

    /// <summary>Today's free urgent-care slots for 111, by start: 12:00, 12:10 and 12:20 on one schedule.</summary>
    private async Task<List<JsonElement>> TodaysSlotsAsync()
    {
        var bundle = await GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23");
        var slots = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").Clone())
            .OrderBy(s => OffsetDateTimePattern.ExtendedIso.Parse(s.GetProperty("start").GetString()!).Value.ToInstant())
            .ToList();
        slots.Should().HaveCount(3);
        slots.Select(s => s.GetProperty("schedule").GetProperty("reference").GetString()).Distinct().Should().ContainSingle();
        return slots;
    }

    private static string AppointmentJson(params JsonElement[] slots)
    {
        var nhs = TestNhsNumbers.Next();
        return JsonSerializer.Serialize(new
        {
            resourceType = "Appointment",
            status = "booked",
            contained = new object[]
            {
                new
                {
                    resourceType = "Patient", id = "patient",
                    identifier = new[] { new { system = NhsSystem, value = nhs } },
                    name = new[] { new { family = "Smith", given = new[] { "Jo" } } },
                    birthDate = "1980-05-17",
                },
            },
            start = slots[0].GetProperty("start").GetString(),
            end = slots[^1].GetProperty("end").GetString(),
            slot = slots.Select(s => new { reference = "Slot/" + Id(s) }).ToArray(),
            participant = new[] { new { actor = new { identifier = new { system = NhsSystem, value = nhs } }, status = "accepted" } },
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
