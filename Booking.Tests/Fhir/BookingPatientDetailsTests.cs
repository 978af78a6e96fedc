using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// One booking door (issue 13, part 3): the patient's details a FHIR booking carries are judged by the booking service
/// with Core's rules, the same the staff booking form applies, and a refusal is a 422 whose issue names the element.
/// A known patient is booked under the stored details (docs/fhir.md, Booking).
/// </summary>
public sealed class BookingPatientDetailsTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string ContainedPatient = "Appointment.contained.ofType(Patient)";
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public BookingPatientDetailsTests(BookingWebFactory factory)
    {
        _factory = factory;
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.cru");
        }

        _token = await _nhs111.GetTokenAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Theory]
    [InlineData("birthDate", "2099-01-01", ".birthDate", "cannot be in the future")]
    [InlineData("birthDate", "1850-01-01", ".birthDate", "over 130")]
    [InlineData("birthDate", "1980", ".birthDate", "full date")]
    [InlineData("phone", "call me after six", ".telecom", "only digits")]
    [InlineData("name", "", ".name", "full name")]
    public async Task Book_NewPatientWithDetailsTheStaffFormRefuses_Is422NamingTheElement(string element, string value, string path, string reason)
    {
        var slot = (await FreeSlotsAsync())[0];
        var body = AppointmentJson(slot, TestNhsNumbers.Next(), birthDate: "1980-05-17", phone: "01632 960123");
        var patient = body["contained"]![0]!.AsObject();
        switch (element)
        {
            case "birthDate":
                patient["birthDate"] = value;
                break;
            case "phone":
                patient["telecom"]![0]!["value"] = value;
                break;
            default:
                patient.Remove("name");
                break;
        }

        var response = await PostAsync(body.ToJsonString());

        var issue = await Only422IssueAsync(response);
        issue.GetProperty("expression")[0].GetString().Should().Be(ContainedPatient + path);
        issue.GetProperty("diagnostics").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task Book_NameLongerThanTheStaffFormAllows_Is422NamingTheName()
    {
        var slot = (await FreeSlotsAsync())[0];
        var body = AppointmentJson(slot, TestNhsNumbers.Next(), birthDate: "1980-05-17");
        body["contained"]![0]!["name"] = new JsonArray(new JsonObject { ["text"] = new string('a', 201) });

        var issue = await Only422IssueAsync(await PostAsync(body.ToJsonString()));

        issue.GetProperty("expression")[0].GetString().Should().Be(ContainedPatient + ".name");
        issue.GetProperty("diagnostics").GetString().Should().Contain("200");
    }

    [Fact]
    public async Task Book_NewPatientByNhsNumberAlone_Is422NamingTheParticipant()
    {
        var slot = (await FreeSlotsAsync())[0];
        var body = AppointmentJson(slot, TestNhsNumbers.Next(), birthDate: null);
        body.Remove("contained");

        var issue = await Only422IssueAsync(await PostAsync(body.ToJsonString()));

        issue.GetProperty("expression")[0].GetString().Should().Be("Appointment.participant");
        issue.GetProperty("diagnostics").GetString().Should().Contain("new to this practice");
    }

    [Fact]
    public async Task Book_InvalidNhsNumber_Is422NamingTheIdentifier()
    {
        var slot = (await FreeSlotsAsync())[0];

        var issue = await Only422IssueAsync(await PostAsync(AppointmentJson(slot, "9434765918", birthDate: "1980-05-17").ToJsonString()));

        issue.GetProperty("code").GetString().Should().Be("value");
        issue.GetProperty("expression")[0].GetString().Should().Be("Appointment.participant.actor.identifier.value");
    }

    [Fact]
    public async Task Book_StartNotTheSlots_Is422NamingStartWithTheSlotsTimes()
    {
        var slot = (await FreeSlotsAsync())[0];
        var body = AppointmentJson(slot, TestNhsNumbers.Next(), birthDate: "1980-05-17");
        body["start"] = "2026-11-23T11:55:00+00:00";

        var issue = await Only422IssueAsync(await PostAsync(body.ToJsonString()));

        issue.GetProperty("expression")[0].GetString().Should().Be("Appointment.start");
        issue.GetProperty("diagnostics").GetString().Should().Contain(slot.GetProperty("start").GetString());
    }

    [Fact]
    public async Task Book_KnownPatientByNhsNumberAlone_IsBookedUnderTheStoredDetails_AndAPhoneFillsOnlyABlankOne()
    {
        var slots = await FreeSlotsAsync();
        var nhs = TestNhsNumbers.Next();
        (await PostAsync(AppointmentJson(slots[0], nhs, birthDate: "1980-05-17").ToJsonString())).StatusCode.Should().Be(HttpStatusCode.Created);
        var byNumberAlone = AppointmentJson(slots[1], nhs, birthDate: null);
        byNumberAlone.Remove("contained");
        var withPhone = AppointmentJson(slots[2], nhs, birthDate: "1980-05-17", phone: "07700 900123", family: "Smyth");
        var withAnotherPhone = AppointmentJson(slots[3], nhs, birthDate: null, phone: "07700 900999");

        var alone = await PostAsync(byNumberAlone.ToJsonString());
        var phoneFilled = await PostAsync(withPhone.ToJsonString());
        var phoneKept = await PostAsync(withAnotherPhone.ToJsonString());

        alone.StatusCode.Should().Be(HttpStatusCode.Created, await alone.Content.ReadAsStringAsync());
        phoneFilled.StatusCode.Should().Be(HttpStatusCode.Created, await phoneFilled.Content.ReadAsStringAsync());
        phoneKept.StatusCode.Should().Be(HttpStatusCode.Created, await phoneKept.Content.ReadAsStringAsync());
        await using var db = _factory.Database.CreateContext();
        var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.NhsNumber == nhs);
        stored.Name.Should().Be("Jo Smith");
        stored.DateOfBirth.Should().Be(new LocalDate(1980, 5, 17));
        stored.Phone.Should().Be("07700 900123", "a phone fills in a blank one and never replaces it");
    }

    private async Task<JsonElement> Only422IssueAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, body);
        var issues = JsonDocument.Parse(body).RootElement.GetProperty("issue");
        issues.GetArrayLength().Should().Be(1);
        return issues[0].Clone();
    }

    private async Task<List<JsonElement>> FreeSlotsAsync()
    {
        var now = _factory.Clock.GetCurrentInstant();
        var from = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now));
        var to = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now + Duration.FromDays(2)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{from}&start=le{to}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        bundle.RootElement.TryGetProperty("entry", out var entries).Should().BeTrue("the demo releases urgent-care slots to 111");
        return entries.EnumerateArray().Select(e => e.GetProperty("resource").Clone()).ToList();
    }

    private static JsonObject AppointmentJson(JsonElement slot, string nhs, string? birthDate, string? phone = null, string family = "Smith")
    {
        var patient = new JsonObject
        {
            ["resourceType"] = "Patient",
            ["id"] = "patient",
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = NhsSystem, ["value"] = nhs }),
            ["name"] = new JsonArray(new JsonObject { ["family"] = family, ["given"] = new JsonArray("Jo") }),
        };
        if (birthDate is not null)
        {
            patient["birthDate"] = birthDate;
        }

        if (phone is not null)
        {
            patient["telecom"] = new JsonArray(new JsonObject { ["system"] = "phone", ["value"] = phone });
        }

        return new JsonObject
        {
            ["resourceType"] = "Appointment",
            ["status"] = "booked",
            ["contained"] = new JsonArray(patient),
            ["start"] = slot.GetProperty("start").GetString(),
            ["end"] = slot.GetProperty("end").GetString(),
            ["slot"] = new JsonArray(new JsonObject { ["reference"] = "Slot/" + slot.GetProperty("id").GetString() }),
            ["participant"] = new JsonArray(new JsonObject
            {
                ["actor"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = NhsSystem, ["value"] = nhs } },
                ["status"] = "accepted",
            }),
        };
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
}
