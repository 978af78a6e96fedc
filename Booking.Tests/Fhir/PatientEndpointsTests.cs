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
/// <c>GET /fhir/Patient/{id}</c> and <c>GET /fhir/Patient?identifier=…</c> (<c>system/Patient.rs</c>): a client sees only
/// the patients it has booked for, so it cannot enumerate the practice's list by id or NHS number.
/// </summary>
public sealed class PatientEndpointsTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _nhs111;
    private readonly SmartClient _hub;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";
    private string _hubToken = "";

    public PatientEndpointsTests()
    {
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        _hub = new SmartClient("hub-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.crus system/Patient.rs");
            await _hub.RegisterAsync(db, "system/Slot.rs system/Patient.rs");
        }

        _token = await _nhs111.GetTokenAsync(_http);
        _hubToken = await _hub.GetTokenAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        _hub.Dispose();
        await _responses.AssertAllValidAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Search_ByTheNhsNumberOfAPatientThisClientBookedFor_ReturnsTheRecord_AndReadByItsIdToo()
    {
        var nhs = await BookNewPatientAsync();

        var (status, bundle) = await GetAsync($"/fhir/Patient?identifier={NhsSystem}|{nhs}", _token);

        status.Should().Be(HttpStatusCode.OK, bundle.ToString());
        bundle.GetProperty("total").GetInt32().Should().Be(1);
        var patient = bundle.GetProperty("entry")[0].GetProperty("resource");
        patient.GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be(nhs);
        patient.GetProperty("name")[0].GetProperty("text").GetString().Should().Be("Jo Smith");
        patient.GetProperty("birthDate").GetString().Should().Be("1980-05-17");
        patient.GetProperty("telecom")[0].GetProperty("value").GetString().Should().Be("07700 900123");
        var (readStatus, read) = await GetAsync("/fhir/Patient/" + patient.GetProperty("id").GetString(), _token);
        readStatus.Should().Be(HttpStatusCode.OK);
        read.GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be(nhs);
        await using var db = _factory.Database.CreateContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "patient.searched" && a.SubjectId == nhs)).Should().Be(1);
        (await db.AuditEntries.CountAsync(a => a.Action == "patient.read" && a.SubjectId == nhs)).Should().Be(1);
    }

    [Fact]
    public async Task SearchAndRead_APatientAnotherClientBookedFor_FindNothing()
    {
        var nhs = await BookNewPatientAsync();
        var (_, mine) = await GetAsync($"/fhir/Patient?identifier={NhsSystem}|{nhs}", _token);
        var id = mine.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString();

        var (searchStatus, bundle) = await GetAsync($"/fhir/Patient?identifier={NhsSystem}|{nhs}", _hubToken);
        var (readStatus, _) = await GetAsync("/fhir/Patient/" + id, _hubToken);

        searchStatus.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("total").GetInt32().Should().Be(0);
        bundle.TryGetProperty("entry", out _).Should().BeFalse();
        readStatus.Should().Be(HttpStatusCode.NotFound, "walking ids must not reveal the practice's list");
    }

    [Fact]
    public async Task Read_UnknownOrMalformedId_Is404()
    {
        (await GetAsync("/fhir/Patient/999999", _token)).Status.Should().Be(HttpStatusCode.NotFound);
        (await GetAsync("/fhir/Patient/not-an-id", _token)).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("identifier=https://fhir.nhs.uk/Id/nhs-number|9434765918", HttpStatusCode.BadRequest, "INVALID_NHS_NUMBER")]
    [InlineData("identifier=https://fhir.nhs.uk/Id/nhs-number|12345", HttpStatusCode.BadRequest, "INVALID_NHS_NUMBER")]
    [InlineData("identifier=9434765919", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("name=Smith", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    public async Task Search_BadIdentifier_IsAnOperationOutcomeSayingWhy(string query, HttpStatusCode expected, string spineCode)
    {
        var (status, outcome) = await GetAsync("/fhir/Patient?" + query, _token);

        status.Should().Be(expected);
        outcome.GetProperty("issue")[0].GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString().Should().Be(spineCode);
    }

    [Fact]
    public async Task Search_AnotherIdentifierSystem_IsAnEmptySearchset()
    {
        var (status, bundle) = await GetAsync("/fhir/Patient?identifier=https://example.org/mrn|12345", _token);

        status.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Search_WithoutPatientScope_Is403()
    {
        using var other = new SmartClient("slots-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await other.RegisterAsync(db, "system/Slot.rs system/Appointment.crus");
        }

        var (status, _) = await GetAsync($"/fhir/Patient?identifier={NhsSystem}|9434765919", await other.GetTokenAsync(_http));

        status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metadata_DeclaresPatientReadAndSearchByIdentifier()
    {
        var (status, capability) = await GetAsync("/fhir/metadata", _token);

        status.Should().Be(HttpStatusCode.OK);
        var patient = capability.GetProperty("rest")[0].GetProperty("resource").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Patient");
        patient.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()).Should().BeEquivalentTo("read", "search-type");
        patient.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("identifier");
    }

    /// <summary>Books today's first free urgent-care slot as NHS 111 for a patient new to the practice; returns the NHS number.</summary>
    private async Task<string> BookNewPatientAsync()
    {
        var nhs = TestNhsNumbers.Next();
        var (_, slots) = await GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23", _token);
        var slot = slots.GetProperty("entry")[0].GetProperty("resource");
        var json = JsonSerializer.Serialize(new
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
                    telecom = new[] { new { system = "phone", value = "07700 900123" } },
                    birthDate = "1980-05-17",
                },
            },
            start = slot.GetProperty("start").GetString(),
            end = slot.GetProperty("end").GetString(),
            slot = new[] { new { reference = "Slot/" + slot.GetProperty("id").GetString() } },
            participant = new[] { new { actor = new { identifier = new { system = NhsSystem, value = nhs } }, status = "accepted" } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return nhs;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
