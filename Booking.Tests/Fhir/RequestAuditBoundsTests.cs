using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Data.Auditing;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// An anonymous caller cannot make us write without bound: anonymous and refused requests are counted, the rows a
/// client's requests leave are bounded in size, and the request log has a configured retention (issue 17, item 2).
/// </summary>
public sealed class RequestAuditBoundsTests : IAsyncLifetime
{
    private readonly BookingWebFactory _factory = new();
    private HttpClient _http = default!;

    public Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnonymousFlood_IsCountedPerRouteAndStatus_NotStoredOneRowEach()
    {
        var before = await AuditRowCountAsync();

        for (var i = 0; i < 300; i++)
        {
            (await _http.GetAsync($"/fhir/metadata?n={i}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await _http.GetAsync($"/fhir/Slot?status=free&n={i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await _http.GetAsync($"/fhir/no-such-thing-{i}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await _factory.Services.GetRequiredService<FhirRequestAudit>().FlushCountsAsync(CancellationToken.None);

        await using var db = _factory.Database.CreateContext();
        var rows = await db.AuditEntries.AsNoTracking().Where(e => e.Id > before.LastId).ToListAsync();
        rows.Should().NotContain(e => e.Action == FhirRequestAudit.RequestAction, "anonymous requests are counted, not stored");
        var counted = rows.Where(e => e.Action == FhirRequestAudit.CountedAction).Select(e => JsonDocument.Parse(e.After!).RootElement).ToList();
        counted.Should().HaveCount(3, "one counter per route and status");
        counted.Sum(c => c.GetProperty("count").GetInt64()).Should().Be(900);
        counted.Select(c => (c.GetProperty("route").GetString(), c.GetProperty("status").GetInt32())).Should().BeEquivalentTo(
            [("/fhir/metadata", 200), ("/fhir/Slot", 401), ("/fhir/{**rest}", 404)]);
    }

    [Fact]
    public async Task ClientRequest_WithAHugeQuery_IsStoredCutToTheBound()
    {
        var client = new SmartClient("bounded-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using (var db = _factory.Database.CreateContext())
        {
            await client.RegisterAsync(db, "system/*.rs");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345?padding=" + new string('a', 20_000));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await client.GetTokenAsync(_http));
        request.Headers.Add("X-Request-Id", "huge-query-1");
        await _http.SendAsync(request);

        var entry = await WaitForRequestRowAsync("huge-query-1");
        entry.Actor.Should().Be(client.ClientId);
        var details = JsonDocument.Parse(entry.After!).RootElement;
        details.GetProperty("query").GetString()!.Length.Should().Be(FhirRequestAudit.QueryMaxLength);
        details.GetProperty("truncated").GetBoolean().Should().BeTrue();
        entry.After!.Length.Should().BeLessThan(2_000);
    }

    [Fact]
    public async Task Retention_DeletesRequestRowsPastTheConfiguredDays_KeepsChangesAndAuditsThePurge()
    {
        var now = _factory.Clock.GetCurrentInstant();
        await using (var db = _factory.Database.CreateContext())
        {
            db.AuditEntries.AddRange(
                Entry(now - Duration.FromDays(181), FhirRequestAudit.RequestAction, "old-request"),
                Entry(now - Duration.FromDays(200), FhirRequestAudit.CountedAction, "old-count"),
                Entry(now - Duration.FromDays(179), FhirRequestAudit.RequestAction, "recent-request"),
                Entry(now - Duration.FromDays(400), "appointment.cancelled", "old-change"));
            await db.SaveChangesAsync();
        }

        var deleted = await _factory.Services.GetRequiredService<ApiRequestLogRetention>().PurgeAsync(CancellationToken.None);

        deleted.Should().Be(2);
        await using var check = _factory.Database.CreateContext();
        var subjects = await check.AuditEntries.AsNoTracking().Select(e => e.SubjectId).ToListAsync();
        subjects.Should().NotContain(["old-request", "old-count"]).And.Contain(["recent-request", "old-change"]);
        var purge = await check.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == ApiRequestLogRetention.PurgedAction);
        JsonDocument.Parse(purge.After!).RootElement.GetProperty("deleted").GetInt32().Should().Be(2);
    }

    private static AuditEntry Entry(Instant at, string action, string subjectId) =>
        AuditEntry.Record(at, AuditActorKind.ApiClient, "retention-test", action, "Test", subjectId, before: null, after: "{}");

    private async Task<(int Count, long LastId)> AuditRowCountAsync()
    {
        await using var db = _factory.Database.CreateContext();
        var count = await db.AuditEntries.CountAsync();
        var lastId = count == 0 ? 0 : await db.AuditEntries.MaxAsync(e => e.Id);
        return (count, lastId);
    }

    private async Task<AuditEntry> WaitForRequestRowAsync(string requestId)
    {
        // The request log is written in batches in the background.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var db = _factory.Database.CreateContext();
            var entry = await db.AuditEntries.AsNoTracking()
                .FirstOrDefaultAsync(e => e.Action == FhirRequestAudit.RequestAction && e.SubjectId == requestId);
            if (entry is not null)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No audit entry for request {requestId}.");
    }
}
