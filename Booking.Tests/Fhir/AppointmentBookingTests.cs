using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Booking, reading, cancelling and finding appointments through FHIR as an NHS 111 client, against the
/// seeded demo practice. Each test takes its own weekday (from Monday 23 November 2026, 09:00), because the
/// demo releases three urgent-care slots a day to 111 with a daily quota of three.
/// </summary>
public sealed class AppointmentBookingTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly LocalDate FirstMonday = new(2026, 11, 23);
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;

    public AppointmentBookingTests(BookingWebFactory factory)
    {
        _factory = factory;
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _factory.Clock.Reset(At(FirstMonday, 9));
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using var db = _factory.Database.CreateContext();
        await _nhs111.RegisterAsync(db, "system/Slot.rs system/Appointment.cru system/Appointment.rs");
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Fact]
    public async Task Book_FreeSlot_Is201WithLocationETagAndTheSlotReadsBusy()
    {
        var token = await UseWeekdayAsync(0);
        var slot = await FirstFreeSlotAsync(token);

        var response = await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.ETag!.ToString().Should().Be("W/\"1\"");
        var body = await ReadJsonAsync(response);
        var id = body.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().Should().EndWith($"/fhir/Appointment/{id}/_history/1");
        body.GetProperty("meta").GetProperty("versionId").GetString().Should().Be("1");
        body.GetProperty("status").GetString().Should().Be("booked");
        (await FhirValidator.ProblemsAsync([await response.Content.ReadAsStringAsync()])).Should().BeEmpty();
        var slotNow = await GetJsonAsync(token, "/fhir/Slot/" + slot.GetProperty("id").GetString());
        slotNow.GetProperty("status").GetString().Should().Be("busy");
    }

    [Fact]
    public async Task Book_SlotAlreadyTaken_Is409DuplicateRejected()
    {
        var token = await UseWeekdayAsync(1);
        var slot = await FirstFreeSlotAsync(token);
        (await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()))).StatusCode.Should().Be(HttpStatusCode.Created);

        var second = await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()));

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var outcome = await ReadJsonAsync(second);
        SpineCode(outcome).Should().Be("DUPLICATE_REJECTED");
        outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("duplicate");
        outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Book_TwentyClientsRaceForOneSlot_OneWinsEveryLoserGets409()
    {
        var token = await UseWeekdayAsync(2);
        var slot = await FirstFreeSlotAsync(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(19);
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            SpineCode(await ReadJsonAsync(loser)).Should().Be("DUPLICATE_REJECTED");
        }
    }

    [Theory]
    [InlineData("X-Request-Id", "retry-42")]
    [InlineData("If-None-Exist", "identifier=https://example.org/booking|B-42")]
    public async Task Book_RetriedWithTheSameKey_ReturnsTheOriginalWith200(string header, string value)
    {
        var token = await UseWeekdayAsync(header == "X-Request-Id" ? 3 : 4);
        var slot = await FirstFreeSlotAsync(token);
        var appointment = AppointmentFor(slot, TestNhsNumbers.Next());

        var first = await PostAsync(token, appointment, (header, value));
        var retry = await PostAsync(token, appointment, (header, value));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(retry)).GetProperty("id").GetString().Should().Be((await ReadJsonAsync(first)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Book_PreferMinimal_Is201WithoutBody()
    {
        var token = await UseWeekdayAsync(5);
        var slot = await FirstFreeSlotAsync(token);

        var response = await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()), ("Prefer", "return=minimal"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location.Should().NotBeNull();
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Book_InvalidRequests_AnswerWithTheContractsCodes()
    {
        var token = await UseWeekdayAsync(6);
        var slot = await FirstFreeSlotAsync(token);
        var nhs = TestNhsNumbers.Next();

        var badNhs = await PostAsync(token, AppointmentFor(slot, "9434765918"));
        var wrongTimes = await PostAsync(token, AppointmentFor(slot, nhs, startShift: Duration.FromMinutes(5)));
        var unknownSlot = await PostAsync(token, AppointmentFor(slot, nhs, slotId: "t99999-20261201-1200"));
        var malformed = await PostRawAsync(token, "{\"resourceType\": \"Appointment\", \"status\": ");
        var wrongType = await PostRawAsync(token, "{\"resourceType\": \"Patient\"}");
        var noPatient = await PostRawAsync(token, Without(AppointmentFor(slot, nhs), "participant"));

        badNhs.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        SpineCode(await ReadJsonAsync(badNhs)).Should().Be("INVALID_NHS_NUMBER");
        wrongTimes.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        unknownSlot.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        SpineCode(await ReadJsonAsync(unknownSlot)).Should().Be("REFERENCE_NOT_FOUND");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wrongType.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        noPatient.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        foreach (var response in new[] { badNhs, wrongTimes, unknownSlot, malformed, wrongType, noPatient })
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
            (await FhirValidator.ProblemsAsync([await response.Content.ReadAsStringAsync()])).Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("colour", "\"blue\"", "Appointment.colour")]
    [InlineData("start", "42", "Appointment.start")]
    [InlineData("start", "\"tomorrow\"", "Appointment.start")]
    [InlineData("status", "\"pencilled-in\"", "Appointment.status")]
    [InlineData("description", "\"\"", "Appointment.description")]
    [InlineData("slot", "{\"reference\": \"Slot/t1-20261123-1200\"}", "Appointment.slot")]
    [InlineData("slot", "[null]", "Appointment.slot")]
    public async Task Book_BodyThatIsNotValidR4_Is400WithAnIssueSayingWhere(string element, string value, string expression)
    {
        var token = await UseWeekdayAsync(10);
        var slot = await FirstFreeSlotAsync(token);
        var body = System.Text.Json.Nodes.JsonNode.Parse(AppointmentFor(slot, TestNhsNumbers.Next()))!.AsObject();
        body[element] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var response = await PostRawAsync(token, body.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var issues = (await ReadJsonAsync(response)).GetProperty("issue").EnumerateArray().ToList();
        issues.Should().Contain(issue => issue.GetProperty("expression")[0].GetString()!.StartsWith(expression, StringComparison.Ordinal));
        issues.Should().OnlyContain(issue => SpineCodeOf(issue) == "BAD_REQUEST" && issue.GetProperty("location")[0].GetString()!.StartsWith("line ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"resourceType\": \"Appointment\", \"status\": ")]
    [InlineData("[1, 2]")]
    [InlineData("\"Appointment\"")]
    [InlineData("null")]
    [InlineData("{\"status\": \"booked\"}")]
    [InlineData("{\"resourceType\": \"Appointmentt\", \"status\": \"booked\"}")]
    public async Task Book_BodyThatIsNotAResource_Is400OperationOutcomeNeverA500(string body)
    {
        var token = await UseWeekdayAsync(10);

        var response = await PostRawAsync(token, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        SpineCode(await ReadJsonAsync(response)).Should().Be("BAD_REQUEST");
    }

    [Fact]
    public async Task Book_SlotNotReleasedTo111_Is422WithTheReason()
    {
        var token = await UseWeekdayAsync(7);
        var day = FirstMonday.PlusDays(WeekdayOffset(7));
        // Dr Patel's 08:30 GP session is for reception and online only; 111 gets the urgent-care session.
        var patelSlot = new
        {
            id = $"{await AnyMorningGpSlotIdAsync(day)}",
        };

        var response = await PostRawAsync(token, AppointmentJson(patelSlot.id, At(day, 8, 30), At(day, 8, 40), TestNhsNumbers.Next()));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var outcome = await ReadJsonAsync(response);
        SpineCode(outcome).Should().Be("INVALID_RESOURCE");
        outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Cancel_WithIfMatch_FreesTheSlotAndEnforcesPreconditions()
    {
        var token = await UseWeekdayAsync(8);
        var slot = await FirstFreeSlotAsync(token);
        var nhs = TestNhsNumbers.Next();
        var created = await ReadJsonAsync(await PostAsync(token, AppointmentFor(slot, nhs)));
        var id = created.GetProperty("id").GetString()!;
        var cancelled = CancelBody(created);

        var missing = await PutAsync(token, id, cancelled, ifMatch: null);
        var stale = await PutAsync(token, id, cancelled, ifMatch: "W/\"7\"");
        var changed = await PutAsync(token, id, CancelBody(created, newStart: "2030-01-01T09:00:00+00:00"), ifMatch: "W/\"1\"");
        var ok = await PutAsync(token, id, cancelled, ifMatch: "\"1\"");

        missing.StatusCode.Should().Be((HttpStatusCode)428);
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        changed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        ok.Headers.ETag!.ToString().Should().Be("W/\"2\"");
        (await ReadJsonAsync(ok)).GetProperty("status").GetString().Should().Be("cancelled");
        (await GetJsonAsync(token, "/fhir/Slot/" + slot.GetProperty("id").GetString())).GetProperty("status").GetString().Should().Be("free");
        (await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next()))).StatusCode.Should().Be(HttpStatusCode.Created, "the slot is bookable again at once");
    }

    [Fact]
    public async Task Cancel_WithAStaleIfMatch_Is412WhateverTheAppointmentsState()
    {
        var token = await UseWeekdayAsync(11);
        var slot = await FirstFreeSlotAsync(token);
        var created = await ReadJsonAsync(await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next())));
        var id = created.GetProperty("id").GetString()!;
        (await PutAsync(token, id, CancelBody(created), ifMatch: "W/\"1\"")).StatusCode.Should().Be(HttpStatusCode.OK);

        var againWithTheOldVersion = await PutAsync(token, id, CancelBody(created), ifMatch: "W/\"1\"");
        var staleAndChanged = await PutAsync(token, id, CancelBody(created, newStart: "2030-01-01T09:00:00+00:00"), ifMatch: "W/\"1\"");
        var staleAndNotR4 = await PutAsync(token, id, "{\"resourceType\": \"Appointment\", \"colour\": \"blue\"}", ifMatch: "W/\"1\"");
        var current = await PutAsync(token, id, CancelBody(created), ifMatch: "W/\"2\"");

        againWithTheOldVersion.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, "the appointment is cancelled, but the client's copy is version 1");
        staleAndChanged.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        staleAndNotR4.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        current.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "with the current version the client learns it is already cancelled");
        foreach (var response in new[] { againWithTheOldVersion, staleAndChanged, staleAndNotR4 })
        {
            var outcome = await ReadJsonAsync(response);
            outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("conflict");
        }
    }

    [Fact]
    public async Task ReadAndSearch_ByThePatientsNhsNumber_FindTheAppointment()
    {
        var token = await UseWeekdayAsync(9);
        var slot = await FirstFreeSlotAsync(token);
        var nhs = TestNhsNumbers.Next();
        var created = await ReadJsonAsync(await PostAsync(token, AppointmentFor(slot, nhs)));
        var id = created.GetProperty("id").GetString()!;

        using var read = await SendAsync(token, HttpMethod.Get, "/fhir/Appointment/" + id);
        var search = await GetJsonAsync(token, $"/fhir/Appointment?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}");

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        read.Headers.ETag!.ToString().Should().Be("W/\"1\"");
        read.Headers.CacheControl!.NoStore.Should().BeTrue();
        search.GetProperty("total").GetInt32().Should().Be(1);
        search.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString().Should().Be(id);
        (await FhirValidator.ProblemsAsync([search.GetRawText()])).Should().BeEmpty();
    }

    [Fact]
    public async Task Read_AnotherClientsAppointment_Is404()
    {
        var token = await UseWeekdayAsync(9);
        var slot = await FirstFreeSlotAsync(token);
        var id = (await ReadJsonAsync(await PostAsync(token, AppointmentFor(slot, TestNhsNumbers.Next())))).GetProperty("id").GetString();
        using var other = new SmartClient("other-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await other.RegisterAsync(db, "system/Appointment.rs");
        }

        using var response = await SendAsync(await other.GetTokenAsync(_http), HttpMethod.Get, "/fhir/Appointment/" + id);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static int WeekdayOffset(int weekday) => weekday / 5 * 7 + weekday % 5;

    private static Instant At(LocalDate date, int hour, int minute = 0) => date.At(new LocalTime(hour, minute)).InZoneStrictly(London).ToInstant();

    private async Task<string> UseWeekdayAsync(int weekday)
    {
        _factory.Clock.Reset(At(FirstMonday.PlusDays(WeekdayOffset(weekday)), 9));
        return await _nhs111.GetTokenAsync(_http);
    }

    private async Task<JsonElement> FirstFreeSlotAsync(string token)
    {
        var today = _factory.Clock.GetCurrentInstant().InZone(London).Date;
        var bundle = await GetJsonAsync(token, $"/fhir/Slot?status=free&start=ge{today:yyyy-MM-dd}&start=le{today:yyyy-MM-dd}");
        bundle.GetProperty("total").GetInt32().Should().BeGreaterThan(0, "the demo releases urgent-care slots to 111 every weekday");
        return bundle.GetProperty("entry")[0].GetProperty("resource");
    }

    private async Task<string> AnyMorningGpSlotIdAsync(LocalDate day)
    {
        // Found through the staff-side rota: the id is stable and derivable, e.g. t{template}-{yyyyMMdd}-0830.
        await using var db = _factory.Database.CreateContext();
        var templateIds = db.SessionTemplates.Select(t => t.Id).ToList();
        foreach (var templateId in templateIds)
        {
            var candidate = $"t{templateId}-{day:yyyyMMdd}-0830";
            using var response = await SendAsync(await _nhs111.GetTokenAsync(_http), HttpMethod.Get, "/fhir/Slot/" + candidate);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The demo rota has no 08:30 session.");
    }

    private static string AppointmentFor(JsonElement slot, string nhsNumber, Duration? startShift = null, string? slotId = null)
    {
        var start = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(slot.GetProperty("start").GetString()!).Value.ToInstant();
        var end = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(slot.GetProperty("end").GetString()!).Value.ToInstant();
        return AppointmentJson(slotId ?? slot.GetProperty("id").GetString()!, start + (startShift ?? Duration.Zero), end, nhsNumber);
    }

    private static string AppointmentJson(string slotId, Instant start, Instant end, string nhsNumber) => JsonSerializer.Serialize(new
    {
        resourceType = "Appointment",
        status = "booked",
        description = "Urgent GP call-back",
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
        start = Format(start),
        end = Format(end),
        slot = new[] { new { reference = "Slot/" + slotId } },
        participant = new[]
        {
            new { actor = new { identifier = new { system = "https://fhir.nhs.uk/Id/nhs-number", value = nhsNumber } }, status = "accepted" },
        },
    });

    private static string Format(Instant instant) =>
        NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Format(instant.InZone(London).ToOffsetDateTime());

    private static string CancelBody(JsonElement appointment, string? newStart = null)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(appointment.GetRawText())!.AsObject();
        node["status"] = "cancelled";
        if (newStart is not null)
        {
            node["start"] = newStart;
        }

        node["cancelationReason"] = new System.Text.Json.Nodes.JsonObject { ["text"] = "Patient feels better" };
        return node.ToJsonString();
    }

    private static string SpineCode(JsonElement outcome) => SpineCodeOf(outcome.GetProperty("issue")[0]);

    private static string SpineCodeOf(JsonElement issue) => issue.GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString()!;

    private static string Without(string json, string element)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(element);
        return node.ToJsonString();
    }

    private Task<HttpResponseMessage> PostAsync(string token, string json, (string Name, string Value)? header = null) =>
        PostRawAsync(token, json, header);

    private async Task<HttpResponseMessage> PostRawAsync(string token, string body, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PutAsync(string token, string id, string body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/fhir/Appointment/" + id)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> GetJsonAsync(string token, string path)
    {
        using var response = await SendAsync(token, HttpMethod.Get, path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
