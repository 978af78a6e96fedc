using Booking.Data.Auditing;
using FluentAssertions;
using FluentAssertions.Equivalency;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The request log's multi-row insert, on a real SQLite file: every entry stored exactly as the change tracker would store it.</summary>
public sealed class AuditBatchTests : IAsyncLifetime
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 30, 8, 0) + Duration.FromTicks(1_234_567);
    private DataStores _stores = default!;

    public async Task InitializeAsync() => _stores = await DataStores.CreateAsync(new FakeClock(Start));

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    // Instants are kept to the whole microsecond on every provider (InstantConverter); Start and the entries have finer ticks.
    private static void ToTheMicrosecond(IAssertionContext<Instant> instant) =>
        instant.Subject.Should().Be(Instant.FromUnixTimeTicks(instant.Expectation.ToUnixTimeTicks() / 10 * 10));

    [Fact]
    public async Task InsertAsync_MoreRowsThanOneStatement_StoresEveryEntryAsTrackedEntriesAreStored()
    {
        var entries = Enumerable.Range(0, (AuditBatch.MaxRowsPerStatement * 2) + 37).Select(i => AuditEntry.Record(
            Start + Duration.FromTicks(i * 7_919),
            (AuditActorKind)(i % 3),
            i == 5 ? new string('a', AuditEntry.ActorMaxLength + 40) : $"client-{i}",
            "fhir.request",
            "FhirRequest",
            $"request-{i}",
            before: i % 2 == 0 ? null : "{\"était\":\"café ☕\"}",
            after: i % 5 == 0 ? null : $"{{\"query\":\"status=free&n={i}\",\"quote\":\"it's\"}}")).ToList();
        var tracked = AuditEntry.Record(Start, AuditActorKind.System, "tracked", "fhir.request", "FhirRequest", "tracked", "{\"été\":1}", null);
        await using (var db = _stores.Factory.CreateDbContext())
        {
            db.AuditEntries.Add(tracked);
            await db.SaveChangesAsync();
        }

        await using (var db = _stores.Factory.CreateDbContext())
        {
            await AuditBatch.InsertAsync(db, entries);
        }

        await using var read = _stores.Factory.CreateDbContext();
        var stored = await read.AuditEntries.AsNoTracking().Where(e => e.Action == "fhir.request").OrderBy(e => e.Id).ToListAsync();
        stored.Should().HaveCount(entries.Count + 1);
        stored[0].Should().BeEquivalentTo(tracked, options => options.Excluding(e => e.Id).Using<Instant>(ToTheMicrosecond).WhenTypeIs<Instant>());
        stored.Skip(1).Should().BeEquivalentTo(entries, options => options.Excluding(e => e.Id).WithStrictOrdering().Using<Instant>(ToTheMicrosecond).WhenTypeIs<Instant>());
        stored.Select(e => e.Id).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();

        // Stored alike, so the audit log's filters (by instant, by actor) find batch rows exactly as tracked ones.
        var atStart = await read.AuditEntries.AsNoTracking().Where(e => e.At == Start).Select(e => e.Actor).ToListAsync();
        atStart.Should().BeEquivalentTo(["tracked", "client-0"]);
        (await read.AuditEntries.CountAsync(e => e.ActorKind == AuditActorKind.ApiClient)).Should().Be(entries.Count(e => e.ActorKind == AuditActorKind.ApiClient));
    }

    [Fact]
    public async Task InsertAsync_NoEntries_WritesNothing()
    {
        await using var db = _stores.Factory.CreateDbContext();
        var before = await db.AuditEntries.CountAsync();

        await AuditBatch.InsertAsync(db, []);

        (await db.AuditEntries.CountAsync()).Should().Be(before);
    }
}
