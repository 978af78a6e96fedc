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
/// The booking's <c>description</c> and <c>comment</c> (the Booking Standard's supporting information), sent by NHS 111
/// with a booking in the demo's 12:00 urgent-care session: stored, returned on read and search, bounded.
/// </summary>
public sealed class SupportingInformationTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string Description = "Sore throat for 5 days";
    private const string Comment = "Caller reports fever of 38.5C.\nPrefers a call back after 2pm.";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public SupportingInformationTests() => _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);

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
    public async Task Book_WithDescriptionAndComment_StoresBoth_AndReadAndSearchReturnThem()
    {
        var nhs = TestNhsNumbers.Next();

        var response = await PostAsync(await AppointmentJsonAsync(nhs, Description, Comment));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        created.GetProperty("description").GetString().Should().Be(Description);
        created.GetProperty("comment").GetString().Should().Be(Comment);
        var id = created.GetProperty("id").GetString()!;
        await using (var db = _factory.Database.CreateContext())
        {
            var row = await db.Appointments.SingleAsync(a => a.Id == Guid.Parse(id));
            row.Description.Should().Be(Description);
            row.Comment.Should().Be(Comment);
        }

        var read = await GetAsync("/fhir/Appointment/" + id);
        read.GetProperty("description").GetString().Should().Be(Description);
        read.GetProperty("comment").GetString().Should().Be(Comment);
        var found = (await GetAsync($"/fhir/Appointment?patient:identifier={NhsSystem}|{nhs}")).GetProperty("entry")[0].GetProperty("resource");
        found.GetProperty("description").GetString().Should().Be(Description);
        found.GetProperty("comment").GetString().Should().Be(Comment);
    }

    [Fact]
    public async Task Book_WithoutEither_ReturnsNeitherElement()
    {
        var response = await PostAsync(await AppointmentJsonAsync(TestNhsNumbers.Next(), null, null));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        created.TryGetProperty("description", out _).Should().BeFalse();
        created.TryGetProperty("comment", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(101, 0, "Appointment.description", "description has at most 100 characters.")]
    [InlineData(0, 2001, "Appointment.comment", "comment has at most 2000 characters.")]
    public async Task Book_TextOverItsLimit_Is422NamingTheElement_AndBooksNothing(int descriptionLength, int commentLength, string expression, string diagnostics)
    {
        var nhs = TestNhsNumbers.Next();
        var json = await AppointmentJsonAsync(
            nhs, descriptionLength > 0 ? new string('d', descriptionLength) : null, commentLength > 0 ? new string('c', commentLength) : null);

        var response = await PostAsync(json);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var issue = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("issue")[0];
        issue.GetProperty("expression")[0].GetString().Should().Be(expression);
        issue.GetProperty("diagnostics").GetString().Should().Be(diagnostics);
        await using var db = _factory.Database.CreateContext();
        (await db.Patients.AnyAsync(p => p.NhsNumber == nhs)).Should().BeFalse();
    }

    [Fact]
    public async Task Book_TextsAtTheirLimits_Is201()
    {
        var response = await PostAsync(await AppointmentJsonAsync(TestNhsNumbers.Next(), new string('d', 100), new string('c', 2000)));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A booking of today's first free urgent-care slot for a patient new to the practice.</summary>
    private async Task<string> AppointmentJsonAsync(string nhs, string? description, string? comment)
    {
        var slot = (await GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23")).GetProperty("entry")[0].GetProperty("resource");
        var appointment = new Dictionary<string, object>
        {
            ["resourceType"] = "Appointment",
            ["status"] = "booked",
            ["contained"] = new object[]
            {
                new
                {
                    resourceType = "Patient", id = "patient",
                    identifier = new[] { new { system = NhsSystem, value = nhs } },
                    name = new[] { new { family = "Smith", given = new[] { "Jo" } } },
                    birthDate = "1980-05-17",
                },
            },
            ["start"] = slot.GetProperty("start").GetString()!,
            ["end"] = slot.GetProperty("end").GetString()!,
            ["slot"] = new[] { new { reference = "Slot/" + slot.GetProperty("id").GetString() } },
            ["participant"] = new[] { new { actor = new { identifier = new { system = NhsSystem, value = nhs } }, status = "accepted" } },
        };
        if (description is not null)
        {
            appointment["description"] = description;
        }

        if (comment is not null)
        {
            appointment["comment"] = comment;
        }

        return JsonSerializer.Serialize(appointment);
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
