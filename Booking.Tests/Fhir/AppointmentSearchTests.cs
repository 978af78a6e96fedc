using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// <c>GET /fhir/Appointment</c> by <c>patient=Patient/{id}</c> and with <c>date=</c> and its prefixes (issue 13,
/// part 4), under the privacy rules of the NHS number search. NHS 111 books one patient on Monday 23 and on Tuesday 24
/// November 2026 at 12:00 (from Monday 09:00).
/// </summary>
public sealed class AppointmentSearchTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _nhs111;
    private readonly SmartClient _otherHub;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";
    private readonly string _nhs = TestNhsNumbers.Next();
    private string _mondayId = "";
    private string _tuesdayId = "";

    public AppointmentSearchTests()
    {
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        _otherHub = new SmartClient("hub-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.crus");
            await _otherHub.RegisterAsync(db, "system/Appointment.rs");
        }

        _token = await _nhs111.GetTokenAsync(_http);
        var bundle = await GetAsync(_token, "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-24");
        var slots = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").Clone()).ToList();
        _mondayId = await BookAsync(slots.First(s => s.GetProperty("start").GetString()!.StartsWith("2026-11-23", StringComparison.Ordinal)));
        _tuesdayId = await BookAsync(slots.First(s => s.GetProperty("start").GetString()!.StartsWith("2026-11-24", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        _otherHub.Dispose();
        await _responses.AssertAllValidAsync();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("date=eq2026-11-24", "tuesday")]
    [InlineData("date=2026-11-24", "tuesday")]
    [InlineData("date=ge2026-11-24", "tuesday")]
    [InlineData("date=gt2026-11-23", "tuesday")]
    [InlineData("date=le2026-11-23", "monday")]
    [InlineData("date=lt2026-11-24", "monday")]
    [InlineData("date=ge2026-11-23&date=lt2026-11-24", "monday")]
    [InlineData("date=ge2026-11-24T12:00:00%2B00:00", "tuesday")]
    [InlineData("date=lt2026-11-24T12:00:00Z", "monday")]
    [InlineData("date=gt2026-11-24", "")]
    [InlineData("date=ge2026-11-23", "monday tuesday")]
    public async Task Search_ByNhsNumberAndDate_FindsTheAppointmentsWhoseStartMatches(string dateQuery, string expected)
    {
        var bundle = await GetAsync(_token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}&{dateQuery}");

        Ids(bundle).Should().Equal(Expected(expected));
        bundle.GetProperty("total").GetInt32().Should().Be(Expected(expected).Count);
    }

    [Fact]
    public async Task Search_ByPatientId_OfAPatientThisClientBookedFor_FindsTheirAppointments()
    {
        var patientId = await PatientIdAsync();

        var byReference = await GetAsync(_token, $"/fhir/Appointment?patient=Patient/{patientId}");
        var byBareIdAndDate = await GetAsync(_token, $"/fhir/Appointment?patient={patientId}&date=2026-11-23");

        Ids(byReference).Should().Equal(_mondayId, _tuesdayId);
        Ids(byBareIdAndDate).Should().Equal(_mondayId);
    }

    [Fact]
    public async Task Search_ByPatientId_OfAPatientThisClientNeverBookedFor_FindsNothing_ThoughTheNhsNumberWould()
    {
        var patientId = await PatientIdAsync();
        var hubToken = await _otherHub.GetTokenAsync(_http);

        var byId = await GetAsync(hubToken, $"/fhir/Appointment?patient=Patient/{patientId}");
        var byNhsNumber = await GetAsync(hubToken, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}");
        var unknownId = await GetAsync(_token, "/fhir/Appointment?patient=Patient/999999");

        byId.GetProperty("total").GetInt32().Should().Be(0, "ids are guessable: an id names only a patient the client booked for");
        Ids(byNhsNumber).Should().Equal(_mondayId, _tuesdayId);
        unknownId.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Theory]
    [InlineData("date=ne2026-11-24")]
    [InlineData("date=ge2026-13-01")]
    [InlineData("date=ge2026-11-24T12:00")]
    [InlineData("date=ge2026-11-24T12:00:00")]
    [InlineData("date=sometime")]
    public async Task Search_WithABadDate_Is422InvalidParameter(string dateQuery)
    {
        using var response = await SendAsync(_token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}&{dateQuery}");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("INVALID_PARAMETER");
    }

    [Theory]
    [InlineData("patient=Patient/abc")]
    [InlineData("patient=Patient/")]
    public async Task Search_WithABadPatientReference_Is422InvalidParameter(string patientQuery)
    {
        using var response = await SendAsync(_token, "/fhir/Appointment?" + patientQuery);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("patient:identifier")]
    [InlineData("patient")]
    public async Task Search_WithCount_PagesByStartWithANextLink_AndTotalCountsEveryMatch(string by)
    {
        var query = by == "patient" ? $"patient=Patient/{await PatientIdAsync()}" : $"patient:identifier={NhsSystem}|{_nhs}";

        var first = await GetAsync(_token, $"/fhir/Appointment?{query}&_count=1");
        var next = NextLink(first);
        var second = await GetAsync(_token, next!);

        Ids(first).Should().Equal(_mondayId);
        first.GetProperty("total").GetInt32().Should().Be(2);
        next.Should().Contain("/fhir/Appointment?").And.Contain("_count=1").And.Contain("_cursor=");
        Ids(second).Should().Equal(_tuesdayId);
        second.GetProperty("total").GetInt32().Should().Be(2);
        NextLink(second).Should().BeNull("nothing remains after the last page");
    }

    [Fact]
    public async Task Search_WithACountCoveringEveryMatch_HasNoNextLink()
    {
        var bundle = await GetAsync(_token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}&_count=2");

        Ids(bundle).Should().Equal(_mondayId, _tuesdayId);
        NextLink(bundle).Should().BeNull();
    }

    [Theory]
    [InlineData("_count=0")]
    [InlineData("_count=101")]
    [InlineData("_count=-1")]
    [InlineData("_count=ten")]
    [InlineData("_cursor=bm90LWEtY3Vyc29y")]
    [InlineData("_cursor=%%%")]
    public async Task Search_WithABadCountOrCursor_Is422InvalidParameter_AsTheSlotSearchIs(string paging)
    {
        using var appointments = await SendAsync(_token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}&{paging}");
        using var slots = await SendAsync(_token, "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23&" + paging);

        appointments.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await appointments.Content.ReadAsStringAsync()).Should().Contain("INVALID_PARAMETER");
        slots.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Search_WithASlotSearchCursor_Is422_ACursorBelongsToItsOwnSearch()
    {
        var slots = await GetAsync(_token, "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-24&_count=1");
        var slotCursor = new Uri(NextLink(slots)!).Query.Split('&').Single(p => p.StartsWith("_cursor=", StringComparison.Ordinal));

        using var response = await SendAsync(_token, $"/fhir/Appointment?patient:identifier={NhsSystem}|{_nhs}&{slotCursor}");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private static string? NextLink(JsonElement bundle) =>
        bundle.GetProperty("link").EnumerateArray()
            .Where(l => l.GetProperty("relation").GetString() == "next")
            .Select(l => l.GetProperty("url").GetString())
            .SingleOrDefault();

    private List<string> Expected(string days) =>
        days.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(day => day == "monday" ? _mondayId : _tuesdayId).ToList();

    private static List<string> Ids(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()!).ToList()
            : [];

    private async Task<int> PatientIdAsync()
    {
        await using var db = _factory.Database.CreateContext();
        return await db.Patients.Where(p => p.NhsNumber == _nhs).Select(p => p.Id).SingleAsync();
    }

    private async Task<string> BookAsync(JsonElement slot)
    {
        var json = JsonSerializer.Serialize(new
        {
            resourceType = "Appointment",
            status = "booked",
            contained = new object[]
            {
                new
                {
                    resourceType = "Patient", id = "patient",
                    identifier = new[] { new { system = NhsSystem, value = _nhs } },
                    name = new[] { new { family = "Smith", given = new[] { "Jo" } } },
                    birthDate = "1980-05-17",
                },
            },
            start = slot.GetProperty("start").GetString(),
            end = slot.GetProperty("end").GetString(),
            slot = new[] { new { reference = "Slot/" + slot.GetProperty("id").GetString() } },
            participant = new[] { new { actor = new { identifier = new { system = NhsSystem, value = _nhs } }, status = "accepted" } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(string token, string path)
    {
        using var response = await SendAsync(token, path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
