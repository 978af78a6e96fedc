using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Booking.Tests.Fhir;

public sealed class BulkPublishTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private readonly BookingWebFactory _factory;
    private readonly HttpClient _http;
    private readonly FhirResponseRecorder _responses;

    public BulkPublishTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 23, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
        _http = FhirResponseRecorder.CreateClient(factory, out _responses);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _responses.AssertAllValidAsync();

    [Fact]
    public async Task Manifest_IsPublicCacheableAndListsLocationScheduleSlot()
    {
        var response = await _http.GetAsync("/fhir/$bulk-publish");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromMinutes(5));
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        manifest.RootElement.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString())
            .Should().Equal("Location", "Schedule", "Slot");
    }

    [Fact]
    public async Task Files_AreValidNdjsonAndTheSlotsMatchAnOnlineClientsSearch()
    {
        var locations = await NdjsonAsync("Location");
        var schedules = await NdjsonAsync("Schedule");
        var slots = await NdjsonAsync("Slot");

        locations.Should().HaveCount(2, "the demo practice has two sites");
        slots.Should().NotBeEmpty();
        var scheduleIds = schedules.Select(s => "Schedule/" + s.GetProperty("id").GetString()).ToHashSet();
        slots.Should().OnlyContain(s => scheduleIds.Contains(s.GetProperty("schedule").GetProperty("reference").GetString()!));
        (await FhirValidator.ProblemsAsync(locations.Concat(schedules).Concat(slots.Take(50)).Select(r => r.GetRawText()))).Should().BeEmpty();

        using var patientApp = new SmartClient("app-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await patientApp.RegisterAsync(db, "system/Slot.rs", odsCode: "Y55555", channel: ChannelKind.Online);
        }

        var now = _factory.Clock.GetCurrentInstant();
        var from = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now));
        var to = Uri.EscapeDataString(InstantPattern.ExtendedIso.Format(now + Duration.FromDays(14)));
        using var search = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{from}&start=le{to}");
        search.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await patientApp.GetTokenAsync(_http));
        using var bundle = JsonDocument.Parse(await (await _http.SendAsync(search)).Content.ReadAsStringAsync());
        var searched = bundle.RootElement.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("id").GetString()).ToHashSet()
            : [];
        slots.Select(s => s.GetProperty("id").GetString()).ToHashSet().Should().BeEquivalentTo(searched);
    }

    [Fact]
    public async Task UnknownFile_Is404OperationOutcome()
    {
        var response = await _http.GetAsync("/fhir/$bulk-publish/Patient.ndjson");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
    }

    private async Task<List<JsonElement>> NdjsonAsync(string type)
    {
        var response = await _http.GetAsync($"/fhir/$bulk-publish/{type}.ndjson");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+ndjson");
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }
}
