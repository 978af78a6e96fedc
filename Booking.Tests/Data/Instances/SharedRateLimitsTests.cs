using Booking.Data.Instances;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Booking.Tests.Data.Instances;

/// <summary>
/// Rate limit windows counted in the database: two stores with nothing in common but the database stand for two app
/// instances, and together they never hand out more than a window's limit.
/// </summary>
public sealed class SharedRateLimitsTests : IAsyncLifetime
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    private readonly TempDatabase _database = new();

    // Half a minute into a window, so a test's own steps never cross into the next one by accident.
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 11, 23, 9, 0, 30));

    public Task InitializeAsync() => _database.MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task TryAcquireAsync_TwoInstancesHammeringOneWindow_GrantExactlyTheLimitInTotal(int block)
    {
        // Block 1 makes every permit a lease, so the two stores' updates race as often as they can: a read-then-write
        // would lose some of them and grant more than the limit.
        var rule = new SharedRateLimitRule(240, Minute, block);
        var instances = new[] { NewInstance(), NewInstance() };

        var granted = await Task.WhenAll(instances.SelectMany(instance => Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = 0;
            while (await instance.TryAcquireAsync("fhir:hammered", rule))
            {
                mine++;
            }

            return mine;
        }))));

        granted.Sum().Should().Be(240, "every caller asks until refused, so every leased permit is handed out, and no more than the limit is leased");
        (await UsedAsync("fhir:hammered")).Should().Be(240, "the row counts every permit either instance handed out");
    }

    [Fact]
    public async Task TryAcquireAsync_LimitSpent_RefusesUntilTheNextWindowThenGrantsAgain()
    {
        var rule = new SharedRateLimitRule(3, Minute);
        var first = NewInstance();
        var second = NewInstance();
        (await first.TryAcquireAsync("fhir:c", rule)).Should().BeTrue();
        (await second.TryAcquireAsync("fhir:c", rule)).Should().BeTrue();
        (await first.TryAcquireAsync("fhir:c", rule)).Should().BeTrue();

        (await second.TryAcquireAsync("fhir:c", rule)).Should().BeFalse("three of three are spent between the two instances");
        (await first.TryAcquireAsync("fhir:c", rule)).Should().BeFalse();

        _clock.Advance(Duration.FromSeconds(30));
        (await second.TryAcquireAsync("fhir:c", rule)).Should().BeTrue("a new window has its own allowance");
    }

    [Fact]
    public async Task TryAcquireAsync_OnePartitionSpent_AnotherStillGrants()
    {
        var rule = new SharedRateLimitRule(2, Minute);
        var instance = NewInstance();
        (await instance.TryAcquireAsync("fhir:busy", rule)).Should().BeTrue();
        (await instance.TryAcquireAsync("fhir:busy", rule)).Should().BeTrue();
        (await instance.TryAcquireAsync("fhir:busy", rule)).Should().BeFalse();

        (await instance.TryAcquireAsync("fhir:quiet", rule)).Should().BeTrue();
        (await NewInstance().TryAcquireAsync("fhir:quiet", rule)).Should().BeTrue();
    }

    [Fact]
    public async Task TryAcquireAsync_OneLease_IsAWholeBlockHandedOutFromMemory()
    {
        var rule = new SharedRateLimitRule(100, Minute);
        var instance = NewInstance();

        (await instance.TryAcquireAsync("fhir:blocks", rule)).Should().BeTrue();

        rule.Block.Should().Be(5, "a twentieth of the limit");
        (await UsedAsync("fhir:blocks")).Should().Be(5);
        Enumerable.Range(0, 4).Select(_ => instance.TryAcquireHeld("fhir:blocks", rule)).ToList().Should().AllSatisfy(taken => taken.Should().BeTrue());
        instance.TryAcquireHeld("fhir:blocks", rule).Should().BeFalse("the block is spent; only a lease gets more");
        (await UsedAsync("fhir:blocks")).Should().Be(5, "handing out held permits costs no database trip");
    }

    [Fact]
    public async Task TryAcquireAsync_LessThanABlockLeft_TakesTheRestAndNoMore()
    {
        var rule = new SharedRateLimitRule(10, Minute, 4);
        var first = NewInstance();
        var second = NewInstance();
        (await first.TryAcquireAsync("fhir:rest", rule)).Should().BeTrue();
        (await second.TryAcquireAsync("fhir:rest", rule)).Should().BeTrue();
        for (var i = 0; i < 3; i++)
        {
            first.TryAcquireHeld("fhir:rest", rule).Should().BeTrue();
        }

        (await first.TryAcquireAsync("fhir:rest", rule)).Should().BeTrue("two of the ten are left after two blocks of four");
        (await first.TryAcquireAsync("fhir:rest", rule)).Should().BeTrue();
        (await first.TryAcquireAsync("fhir:rest", rule)).Should().BeFalse();
        (await UsedAsync("fhir:rest")).Should().Be(10);
    }

    [Fact]
    public async Task TryAcquireAsync_AnotherInstanceHoldsUnspentPermits_RefusesWithinABlockOfTheLimit()
    {
        // The documented cost of leasing in blocks: permits one instance holds are not the other's to hand out.
        var rule = new SharedRateLimitRule(20, Minute, 5);
        var holder = NewInstance();
        var other = NewInstance();
        (await holder.TryAcquireAsync("fhir:held", rule)).Should().BeTrue();

        var granted = 0;
        while (await other.TryAcquireAsync("fhir:held", rule))
        {
            granted++;
        }

        granted.Should().Be(15, "the holder keeps the four left of its block of five");
    }

    [Fact]
    public async Task TryAcquireAsync_PartitionLongerThanTheColumn_IsCountedUnderAHashOfIt()
    {
        var rule = new SharedRateLimitRule(1, Minute);
        var longName = "token:client:" + new string('x', 500) + "@192.0.2.1";
        var instance = NewInstance();

        (await instance.TryAcquireAsync(longName, rule)).Should().BeTrue();
        (await NewInstance().TryAcquireAsync(longName, rule)).Should().BeFalse("both instances count it in the same row");
        (await instance.TryAcquireAsync(longName[..^1] + "2", rule)).Should().BeTrue("another name is another row, however alike their starts");
        SharedRateLimits.StoredPartition(longName).Length.Should().BeLessThanOrEqualTo(RateLimitWindowRow.PartitionMaxLength);
    }

    [Fact]
    public async Task TryAcquireAsync_AnHourLater_DeletesTheOldWindows()
    {
        var rule = new SharedRateLimitRule(5, Minute);
        var instance = NewInstance();
        (await instance.TryAcquireAsync("fhir:old", rule)).Should().BeTrue();
        _clock.Advance(Minute);
        (await instance.TryAcquireAsync("fhir:old", rule)).Should().BeTrue();

        _clock.Advance(SharedRateLimits.LongestWindow + Minute);
        (await instance.TryAcquireAsync("fhir:new", rule)).Should().BeTrue();

        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        var left = await db.RateLimitWindows.AsNoTracking().Select(w => w.Partition).ToListAsync();
        left.Should().Equal(["fhir:new"], "windows older than the longest a rule may have are deleted while leasing");
    }

    [Fact]
    public void WindowStartOf_AnyInstantInAMinute_IsThatMinutesStart()
    {
        SharedRateLimits.WindowStartOf(Instant.FromUtc(2026, 11, 23, 9, 0, 59), Minute).Should().Be(Instant.FromUtc(2026, 11, 23, 9, 0));
        SharedRateLimits.WindowStartOf(Instant.FromUtc(2026, 11, 23, 9, 1), Minute).Should().Be(Instant.FromUtc(2026, 11, 23, 9, 1));
    }

    // An app instance of its own: its own pool of connections and its own held permits, the database in common.
    private SharedRateLimits NewInstance() => new(_database.CreateFactory(), _clock, NullLogger<SharedRateLimits>.Instance);

    private async Task<int> UsedAsync(string partition)
    {
        await using var db = _database.CreateContext();
        return await db.RateLimitWindows.AsNoTracking().Where(w => w.Partition == partition).SumAsync(w => w.Used);
    }
}
