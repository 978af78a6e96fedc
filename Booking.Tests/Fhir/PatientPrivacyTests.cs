using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Patient privacy for consumers (issue 17, item 7): an NHS number is not a secret, so a patient app sees only the
/// appointments it booked; an organisation consumer sees the patient's appointments that have not ended, and each such
/// search is audited; a booking for a known patient must carry the stored date of birth and never relabels them.
/// </summary>
public sealed class PatientPrivacyTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _patientApp;
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;

    public PatientPrivacyTests()
    {
        _patientApp = new SmartClient("app-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using var db = _factory.Database.CreateContext();
        await _patientApp.RegisterAsync(db, "system/Slot.rs system/Appointment.crus", odsCode: "Y55555", channel: ChannelKind.Online);
        await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.crus");
    }

    public async Task DisposeAsync()
    {
        _patientApp.Dispose();
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Search_ByNhsNumber_PatientAppSeesOnlyItsOwn_OrganisationSeesWhatHasNotEnded_AndIsAudited()
    {
        var nhs = TestNhsNumbers.Next();
        var appToken = await _patientApp.GetTokenAsync(_http);
        var nhs111Token = await _nhs111.GetTokenAsync(_http);
        var onlineSlot = (await FreeSlotsAsync(appToken, days: 14))[0];
        var urgentSlots = await FreeSlotsAsync(nhs111Token, days: 2);
        var urgentToday = urgentSlots[0];
        var urgentLater = urgentSlots.First(s => End(s) > End(urgentToday) && End(s) > End(onlineSlot));
        var ownId = await BookAsync(appToken, onlineSlot, nhs, "1980-05-17");
        var urgentTodayId = await BookAsync(nhs111Token, urgentToday, nhs, "1980-05-17");
        var urgentLaterId = await BookAsync(nhs111Token, urgentLater, nhs, "1980-05-17");

        // Later the same day, after the first 111 appointment ended (fresh tokens: they last five minutes).
        _factory.Clock.Reset(End(urgentToday) + Duration.FromMinutes(1));
        var appSees = await SearchIdsAsync(await _patientApp.GetTokenAsync(_http), nhs);
        var nhs111Sees = await SearchIdsAsync(await _nhs111.GetTokenAsync(_http), nhs);

        appSees.Should().Equal([ownId], "a patient app sees only what it booked, not the 111 bookings");
        var notEnded = new[] { (ownId, End(onlineSlot)), (urgentTodayId, End(urgentToday)), (urgentLaterId, End(urgentLater)) }
            .Where(a => a.Item2 > _factory.Clock.GetCurrentInstant()).Select(a => a.Item1);
        nhs111Sees.Should().BeEquivalentTo(notEnded, "an organisation sees every appointment of the patient that has not ended, whoever booked it");
        nhs111Sees.Should().NotContain(urgentTodayId);
        await using var db = _factory.Database.CreateContext();
        var searches = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "patient.appointments-searched" && e.SubjectId == nhs).ToListAsync();
        searches.Should().ContainSingle().Which.Actor.Should().Be(_nhs111.ClientId);
    }

    [Fact]
    public async Task Book_KnownNhsNumberWithAnotherDateOfBirth_Is422WithTheReason_AndTheRecordStays()
    {
        var nhs = TestNhsNumbers.Next();
        var token = await _nhs111.GetTokenAsync(_http);
        var slots = await FreeSlotsAsync(token, days: 2);
        await BookAsync(token, slots[0], nhs, "1980-05-17");

        var response = await PostAsync(token, AppointmentJson(slots[1], nhs, "1990-01-01", "Alex", "Other"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("different date of birth");
        await using var db = _factory.Database.CreateContext();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.NhsNumber == nhs);
        patient.DateOfBirth.Should().Be(new LocalDate(1980, 5, 17));
        patient.Name.Should().Be("Jo Smith");
    }

    [Fact]
    public async Task Book_KnownPatientWithAnotherSpellingOfTheName_IsBookedUnderTheStoredName()
    {
        var nhs = TestNhsNumbers.Next();
        var token = await _nhs111.GetTokenAsync(_http);
        var slots = await FreeSlotsAsync(token, days: 2);
        await BookAsync(token, slots[0], nhs, "1980-05-17");

        var response = await PostAsync(token, AppointmentJson(slots[1], nhs, "1980-05-17", "Joanna", "Smyth"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("Smyth", "nothing of the other spelling is kept");
        await using var db = _factory.Database.CreateContext();
        (await db.Patients.AsNoTracking().SingleAsync(p => p.NhsNumber == nhs)).Name.Should().Be("Jo Smith");
    }

    private async Task<List<JsonElement>> FreeSlotsAsync(string token, int days)
    {
        var now = _factory.Clock.GetCurrentInstant();
        var from = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now));
        var to = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now + Duration.FromDays(days)));
        using var bundle = JsonDocument.Parse(await GetAsync(token, $"/fhir/Slot?status=free&start=ge{from}&start=le{to}"));
        bundle.RootElement.TryGetProperty("entry", out var entries).Should().BeTrue("the demo releases slots to this channel");
        return entries.EnumerateArray().Select(e => e.GetProperty("resource").Clone()).OrderBy(End).ToList();
    }

    private async Task<string> BookAsync(string token, JsonElement slot, string nhs, string birthDate)
    {
        var response = await PostAsync(token, AppointmentJson(slot, nhs, birthDate, "Jo", "Smith"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<List<string>> SearchIdsAsync(string token, string nhs)
    {
        using var bundle = JsonDocument.Parse(await GetAsync(token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{nhs}"));
        return bundle.RootElement.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!).ToList()
            : [];
    }

    private static Instant End(JsonElement slot) => OffsetDateTimePattern.ExtendedIso.Parse(slot.GetProperty("end").GetString()!).Value.ToInstant();

    private static string AppointmentJson(JsonElement slot, string nhs, string birthDate, string given, string family) => JsonSerializer.Serialize(new
    {
        resourceType = "Appointment",
        status = "booked",
        contained = new object[]
        {
            new
            {
                resourceType = "Patient", id = "patient",
                identifier = new[] { new { system = NhsSystem, value = nhs } },
                name = new[] { new { family, given = new[] { given } } },
                birthDate,
            },
        },
        start = slot.GetProperty("start").GetString(),
        end = slot.GetProperty("end").GetString(),
        slot = new[] { new { reference = "Slot/" + slot.GetProperty("id").GetString() } },
        participant = new[] { new { actor = new { identifier = new { system = NhsSystem, value = nhs } }, status = "accepted" } },
    });

    private async Task<HttpResponseMessage> PostAsync(string token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private async Task<string> GetAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body;
    }
}
