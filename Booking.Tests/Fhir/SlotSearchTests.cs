using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Data.Configuration;
using Booking.Data.Auditing;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Slot search through the real pipeline against the seeded demo practice, on Monday 23 November 2026 at
/// 09:00: the demo releases each weekday's urgent-care session to urgent-care organisations (NHS 111).
/// </summary>
public sealed class SlotSearchTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private const string Today = "2026-11-23";
    private const string Tomorrow = "2026-11-24";
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public SlotSearchTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 23, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/*.rs");
        }

        _token = await _nhs111.GetTokenAsync(_http);
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Fact]
    public async Task Search_TodayAs111_ReturnsOnlyFreeSlotsInsideTheWindowAsValidSearchset()
    {
        var (status, bundle, json) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}");

        status.Should().Be(HttpStatusCode.OK);
        var slots = Entries(bundle, "Slot").ToList();
        slots.Should().NotBeEmpty();
        bundle.GetProperty("total").GetInt32().Should().Be(slots.Count);
        foreach (var slot in slots)
        {
            slot.GetProperty("status").GetString().Should().Be("free");
            var start = DateTimeOffset.Parse(slot.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            start.Should().BeOnOrAfter(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
            start.Should().BeBefore(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
        }

        bundle.GetProperty("link")[0].GetProperty("relation").GetString().Should().Be("self");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Search_GpConnectWindowForm_FindsTheSameSlots()
    {
        var (_, bookingStandard, _) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}");
        var (status, gpConnect, _) = await SearchAsync($"status=free&start=ge{Today}&end=le{Tomorrow}");

        status.Should().Be(HttpStatusCode.OK);
        gpConnect.GetProperty("total").GetInt32().Should().Be(bookingStandard.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_WithIncludes_AddsEachReferencedResourceOnceWithUniqueFullUrls()
    {
        var (status, bundle, json) = await SearchAsync(
            $"status=free&start=ge{Today}&start=le{Tomorrow}&_include=Slot:schedule" +
            "&_include%3Aiterate=Schedule:actor:Practitioner&_include:recurse=Schedule:actor:Location" +
            "&_include:iterate=Schedule:actor:HealthcareService&_include:iterate=HealthcareService:providedBy" +
            "&_include:iterate=Location:managingOrganization&_include:iterate=Unsupported:thing");

        status.Should().Be(HttpStatusCode.OK);
        var entries = bundle.GetProperty("entry").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("fullUrl").GetString()).Should().OnlyHaveUniqueItems();
        entries.Should().OnlyContain(e => e.GetProperty("fullUrl").GetString()!.StartsWith("http"));
        var included = entries.Where(e => e.GetProperty("search").GetProperty("mode").GetString() == "include")
            .Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToList();
        included.Should().Contain(["Schedule", "Practitioner", "Location", "HealthcareService", "Organization"]);
        included.Count(t => t == "Organization").Should().Be(1);
        bundle.GetProperty("total").GetInt32().Should().Be(Entries(bundle, "Slot").Count());
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Search_WithIncludes_AfterTheClinicianIsRenamed_IncludesTheNewNameNotTheKeptJson()
    {
        const string query = $"status=free&start=ge{Today}&start=le{Tomorrow}&_include=Slot:schedule&_include:iterate=Schedule:actor:Practitioner";
        var (_, before, _) = await SearchAsync(query);
        var practitioner = Entries(before, "Practitioner").First();
        var id = int.Parse(practitioner.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var oldName = Entries(before, "Schedule").SelectMany(s => s.GetProperty("actor").EnumerateArray())
            .First(a => a.GetProperty("reference").GetString() == $"Practitioner/{id}").GetProperty("display").GetString()!;
        var configured = (await _factory.Services.GetRequiredService<PracticeConfigurationProvider>().GetAsync())!.Practitioner(id)!.Practitioner;
        var store = _factory.Services.GetRequiredService<ConfigurationStore>();
        var details = new PractitionerDetails(configured.Name, configured.Role, configured.Identifiers);

        (await store.UpdatePractitionerAsync(id, details with { Name = "Dr Renamed Since" }, ActingParty.System("test"))).Succeeded.Should().BeTrue();
        try
        {
            var (status, after, json) = await SearchAsync(query);

            status.Should().Be(HttpStatusCode.OK);
            json.Should().NotContain(oldName);
            Entries(after, "Practitioner").Single(p => p.GetProperty("id").GetString() == practitioner.GetProperty("id").GetString())
                .GetProperty("name")[0].GetProperty("text").GetString().Should().Be("Dr Renamed Since");
            Entries(after, "Schedule").SelectMany(s => s.GetProperty("actor").EnumerateArray())
                .Where(a => a.GetProperty("reference").GetString() == $"Practitioner/{id}")
                .Should().NotBeEmpty().And.OnlyContain(a => a.GetProperty("display").GetString() == "Dr Renamed Since");
        }
        finally
        {
            (await store.UpdatePractitionerAsync(id, details, ActingParty.System("test"))).Succeeded.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Search_Repeated_IsTheSameAnswerUntilTheClockChangesIt()
    {
        const string query = $"status=free&start=ge{Today}&start=le{Tomorrow}&_include=Slot:schedule";
        var (_, first, firstJson) = await SearchAsync(query);
        (await SearchAsync(query)).Json.Should().Be(firstJson, "nothing changed in between");
        var slots = Entries(first, "Slot").Select(s => (Id: s.GetProperty("id").GetString()!, Start: DateTimeOffset.Parse(s.GetProperty("start").GetString()!))).ToList();
        slots.Should().HaveCountGreaterThan(2);

        // The first slot's start passes: the same query no longer offers it (the token is renewed, the clock having moved).
        _factory.Clock.Reset(Instant.FromDateTimeOffset(slots[0].Start));
        _token = await _nhs111.GetTokenAsync(_http);
        var (_, later, _) = await SearchAsync(query);
        Entries(later, "Slot").Select(s => s.GetProperty("id").GetString()).Should().NotContain(slots[0].Id).And.Contain(slots[1].Id);
    }

    [Theory]
    [InlineData("start=ge2026-11-23T10:40:00%2B00:00&start=le2026-11-24T11:05:00%2B00:00")]
    [InlineData("start=ge2026-11-23&start=le2026-11-27")]
    [InlineData("start=ge2026-11-22T23:00:00%2B00:00&start=le2026-11-25T00:00:00%2B00:00")]
    public async Task Search_WholeAndPartDays_TotalIsTheSlotsInsideTheWindowAndPagesWalkThemInOrder(string window)
    {
        var (status, everything, _) = await SearchAsync("status=free&" + window);
        status.Should().Be(HttpStatusCode.OK);
        var all = Entries(everything, "Slot").ToList();
        everything.GetProperty("total").GetInt32().Should().Be(all.Count);
        var (from, to) = WindowOf(everything);
        all.Should().OnlyContain(s => DateTimeOffset.Parse(s.GetProperty("start").GetString()!) >= from && DateTimeOffset.Parse(s.GetProperty("end").GetString()!) <= to);
        var first = all.First();
        var schedule = first.GetProperty("schedule").GetProperty("reference").GetString()!;
        var (_, filtered, _) = await SearchAsync($"status=free&{window}&schedule={schedule}");
        filtered.GetProperty("total").GetInt32().Should().Be(all.Count(s => s.GetProperty("schedule").GetProperty("reference").GetString() == schedule));

        var paged = new List<string>();
        string? next = $"/fhir/Slot?status=free&{window}&_count=7";
        while (next is not null)
        {
            var (_, page, _) = await GetAsync(next);
            page.GetProperty("total").GetInt32().Should().Be(all.Count);
            paged.AddRange(Entries(page, "Slot").Select(s => s.GetProperty("id").GetString()!));
            next = page.GetProperty("link").EnumerateArray().Where(l => l.GetProperty("relation").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("url").GetString()!).PathAndQuery).FirstOrDefault();
        }

        paged.Should().Equal(all.Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Search_UnencodedPlusInOffset_IsReadAsPlus()
    {
        var (status, bundle, _) = await SearchAsync("status=free&start=ge2026-11-23T00:00:00+00:00&start=le2026-11-24T23:59:59+00:00");

        status.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Search_Count_LimitsEntriesButNotTotal()
    {
        var (_, all, _) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}");
        var (status, page, _) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}&_count=1");

        status.Should().Be(HttpStatusCode.OK);
        Entries(page, "Slot").Should().HaveCount(1);
        page.GetProperty("total").GetInt32().Should().Be(all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_Weekend_IsAnEmptySearchsetWithNoIncludes()
    {
        var (status, bundle, json) = await SearchAsync("status=free&start=ge2026-11-28&start=le2026-11-29&_include=Slot:schedule");

        status.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("total").GetInt32().Should().Be(0);
        bundle.TryGetProperty("entry", out _).Should().BeFalse();
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Search_ByAnotherOrganisationType_SeesNoUrgentCareSlots()
    {
        using var hub = new SmartClient("hub-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await hub.RegisterAsync(db, "system/Slot.rs", odsCode: "Y99999", organisationType: "hub");
        }

        var token = await hub.GetTokenAsync(_http);

        var (status, bundle, _) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}", token);

        status.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("total").GetInt32().Should().Be(0, "the demo releases nothing to hubs");
    }

    [Theory]
    [InlineData("start=ge2026-11-23&start=le2026-11-24", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("status=free", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("status=free&start=ge2026-11-23", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("status=busy&start=ge2026-11-23&start=le2026-11-24", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=ge2026-11-23&start=le2026-12-08", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=ge2026-11-24&start=le2026-11-23T00:00:00Z", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=ge2026-13-40&start=le2026-11-24", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=gt2026-11-23&start=le2026-11-24", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=ge2026-11-23T09:00&start=le2026-11-24", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    [InlineData("status=free&start=ge2026-11-23&start=le2026-11-24&_count=many", HttpStatusCode.UnprocessableEntity, "INVALID_PARAMETER")]
    public async Task Search_BadParameters_AnswerTheContractsStatusWithAnOperationOutcome(string query, HttpStatusCode expected, string spineCode)
    {
        var (status, outcome, json) = await SearchAsync(query);

        status.Should().Be(expected);
        outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.GetProperty("issue")[0].GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString().Should().Be(spineCode);
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadSlot_FoundBySearch_IsFreeAndItsScheduleIsReadable()
    {
        var (_, bundle, _) = await SearchAsync($"status=free&start=ge{Today}&start=le{Tomorrow}");
        var slot = Entries(bundle, "Slot").First();

        var read = await GetAsync("/fhir/Slot/" + slot.GetProperty("id").GetString());
        var schedule = await GetAsync("/fhir/" + slot.GetProperty("schedule").GetProperty("reference").GetString());

        read.Status.Should().Be(HttpStatusCode.OK);
        read.Body.GetProperty("status").GetString().Should().Be("free");
        schedule.Status.Should().Be(HttpStatusCode.OK);
        schedule.Body.GetProperty("actor").GetArrayLength().Should().Be(4);
        (await FhirValidator.ProblemsAsync([read.Json, schedule.Json])).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/fhir/Slot/t999-20261123-0900")]
    [InlineData("/fhir/Slot/not-a-slot")]
    [InlineData("/fhir/Schedule/999-1-1")]
    [InlineData("/fhir/Practitioner/999")]
    [InlineData("/fhir/Location/0")]
    [InlineData("/fhir/HealthcareService/abc")]
    public async Task Read_Unknown_Is404OperationOutcome(string path)
    {
        var (status, body, _) = await GetAsync(path);

        status.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("not-found");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string Json)> SearchAsync(string query, string? token = null) =>
        await GetAsync("/fhir/Slot?" + query, token);

    private async Task<(HttpStatusCode Status, JsonElement Body, string Json)> GetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _token);
        var response = await _http.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        return (response.StatusCode, JsonDocument.Parse(json).RootElement.Clone(), json);
    }

    /// <summary>The window the searchset's self link asked for, read back from its start parameters.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) WindowOf(JsonElement bundle)
    {
        var self = new Uri(bundle.GetProperty("link")[0].GetProperty("url").GetString()!);
        var starts = System.Web.HttpUtility.ParseQueryString(self.Query).GetValues("start")!;
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        DateTimeOffset Read(string value, bool isEnd) => value.Length == 10
            ? LocalDate.FromDateTime(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).PlusDays(isEnd ? 1 : 0).AtStartOfDayInZone(london).ToDateTimeOffset()
            : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return (Read(starts.Single(v => v.StartsWith("ge", StringComparison.Ordinal))[2..], false), Read(starts.Single(v => v.StartsWith("le", StringComparison.Ordinal))[2..], true));
    }

    private static IEnumerable<JsonElement> Entries(JsonElement bundle, string resourceType) =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Select(e => e.GetProperty("resource")).Where(r => r.GetProperty("resourceType").GetString() == resourceType)
            : [];
}
