using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// <c>_count</c> paging of <c>GET /fhir/Slot</c> with <c>next</c> links, for NHS 111 on Monday 23 November 2026 at 09:00:
/// today's three urgent-care slots (12:00, 12:10, 12:20) and the slots of the next days.
/// </summary>
public sealed class SlotPagingTests : IAsyncLifetime
{
    private const string NhsSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string Today = "status=free&start=ge2026-11-23&start=le2026-11-23";
    private readonly BookingWebFactory _factory = new();
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;
    private string _token = "";

    public SlotPagingTests() => _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);

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
    public async Task Search_FollowingNextLinks_ReturnsEverySlotOnceInOrder_AndTheLastPageHasNoNext()
    {
        var all = SlotIds(await GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-25"));
        all.Count.Should().BeGreaterThan(5, "the paging needs several pages to prove anything");

        var paged = new List<string>();
        string? next = "/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-25&_count=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await GetAsync(next);
            page.GetProperty("total").GetInt32().Should().Be(all.Count, "total counts every match, on every page");
            SlotIds(page).Count.Should().BeInRange(1, 2);
            paged.AddRange(SlotIds(page));
            next = NextLink(page);
            pages++;
        }

        paged.Should().Equal(all);
        pages.Should().Be((all.Count + 1) / 2);
    }

    [Fact]
    public async Task Search_ASlotOfPageOneBookedBeforePageTwo_PageTwoNeitherRepeatsNorSkipsAFreeSlot()
    {
        var today = SlotIds(await GetAsync("/fhir/Slot?" + Today));
        today.Should().HaveCount(3);
        var first = await GetAsync("/fhir/Slot?" + Today + "&_count=2");
        SlotIds(first).Should().Equal(today[0], today[1]);

        (await BookAsync(first.GetProperty("entry")[0].GetProperty("resource"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = await GetAsync(NextLink(first)!);

        // An offset (skip 2) would now skip 12:20, the only free slot left after the first page.
        SlotIds(second).Should().Equal(today[2]);
        NextLink(second).Should().BeNull();
    }

    [Fact]
    public async Task Search_NextLink_KeepsTheQueryAndCarriesAnOpaqueCursor()
    {
        var page = await GetAsync("/fhir/Slot?" + Today + "&_count=1&_include=Slot:schedule");

        var next = NextLink(page)!;
        next.Should().StartWith("http://").And.Contain("/fhir/Slot?" + Today + "&_count=1&_include=Slot:schedule&_cursor=");
        next.Should().NotContain("12:00").And.NotContain("offset");
        var second = await GetAsync(next);
        NextLink(second).Should().Contain("_cursor=").And.NotBe(next, "the cursor moves on; the old one is replaced, not repeated");
        new Uri(NextLink(second)!).Query.Split('&').Count(p => p.StartsWith("_cursor=", StringComparison.Ordinal)).Should().Be(1);
    }

    [Theory]
    [InlineData("_count=0")]
    [InlineData("_count=-1")]
    [InlineData("_count=101")]
    [InlineData("_count=2.5")]
    [InlineData("_count=many")]
    public async Task Search_CountOutsideOneToOneHundred_Is422SayingWhatIsAllowed(string count)
    {
        var (status, body) = await SendAsync("/fhir/Slot?" + Today + "&" + count);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        var issue = body.GetProperty("issue")[0];
        issue.GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("INVALID_PARAMETER");
        issue.GetProperty("diagnostics").GetString().Should().Contain("from 1 to 100");
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("MTIz")]
    public async Task Search_CursorTheServerDidNotWrite_Is422(string cursor)
    {
        var (status, body) = await SendAsync("/fhir/Slot?" + Today + "&_count=1&_cursor=" + cursor);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        body.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().Contain("next link");
    }

    private static List<string> SlotIds(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray()
                .Where(e => e.GetProperty("resource").GetProperty("resourceType").GetString() == "Slot")
                .Select(e => e.GetProperty("resource").GetProperty("id").GetString()!).ToList()
            : [];

    private static string? NextLink(JsonElement bundle) =>
        bundle.GetProperty("link").EnumerateArray()
            .Where(l => l.GetProperty("relation").GetString() == "next")
            .Select(l => l.GetProperty("url").GetString())
            .SingleOrDefault();

    private async Task<HttpResponseMessage> BookAsync(JsonElement slot)
    {
        var nhs = TestNhsNumbers.Next();
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
        return await _http.SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var (status, body) = await SendAsync(url);
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return body;
    }
}
