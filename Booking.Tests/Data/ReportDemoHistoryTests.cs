using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Time;
using Booking.Data.Reporting;
using Booking.Data.Seeding;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The demo history the reports show in Development, on a real SQLite file with the demo practice.</summary>
public sealed class ReportDemoHistoryTests
{
    private static readonly LocalDateTime Now = new(2026, 11, 24, 10, 5);

    [Fact]
    public async Task SeedAsync_DemoPractice_WritesPastAppointmentsOnlyWithOutcomesAcrossChannels()
    {
        using var stores = await SeededAsync();

        var written = await DemoHistory.SeedAsync(stores.Factory, stores.Clock);

        written.Should().BeGreaterThan(1_000);
        await using var db = await stores.Factory.CreateDbContextAsync();
        var today = Now.Date;
        (await db.Appointments.CountAsync(a => a.SlotDate >= today)).Should().Be(0, "today and the future belong to reception");
        (await db.Appointments.MinAsync(a => a.SlotDate)).Should().Be(
            DemoHistory.FirstDate(today).PlusDays(1), "the history's first day, Monday 31 August 2026, is the summer bank holiday");
        (await db.Appointments.CountAsync(a => a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Arrived))
            .Should().Be(0, "every past appointment has its outcome");
        (await db.Appointments.Select(a => a.CreatedById).Distinct().ToListAsync()).Should().Equal(DemoHistory.HistoryActorId);
        (await db.AuditEntries.CountAsync(e => e.Action == "demo-history.generated")).Should().Be(1);

        var set = (await new ReportQueries(stores.Factory, stores.Configuration, stores.Refusals, stores.Clock)
            .GetAsync(new DateInterval(DemoHistory.FirstDate(today), today.PlusDays(-1))))!;
        set.Channels.Where(c => c.Group != ChannelGroup.OtherOrganisations).Should().OnlyContain(c => c.Appointments > 0);
        set.Dna.Overall.Rate.Should().BeInRange(0.02, 0.12);
        set.ByDay.Where(d => d.Bookable > 0).Should().OnlyContain(d => d.Rate > 0.5);
    }

    [Fact]
    public async Task ImpactReport_OnlineTelephoneRelease_ShowsMoreSlotsOfferedAndBookedOnlineAfterIt()
    {
        using var stores = await SeededAsync();
        await DemoHistory.SeedAsync(stores.Factory, stores.Clock);
        var impact = new ImpactQueries(stores.Factory, stores.Configuration, stores.Clock);
        var change = DemoPractice.OnlineTelephoneFrom(Now.Date);

        (await impact.ListChangesAsync()).Should().Contain(c =>
            c.Date == change && c.Kind == ImpactChangeKind.ReleaseRule && c.Description == "Changed release rule for GP telephone appointment: reception, online");
        var comparison = (await impact.GetAsync(change, DemoPractice.OnlineTelephoneWeeksAgo))!.Comparison;

        comparison.Before.Window.DaysCovered.Should().Be(DemoPractice.OnlineTelephoneWeeksAgo * 7, "the history starts that many weeks before the change");
        comparison.After.Window.DaysCovered.Should().Be(DemoPractice.OnlineTelephoneWeeksAgo * 7, "the change was that many weeks before this week");
        var rows = comparison.Rows();
        rows.Single(r => r.Measure == ImpactMeasure.OfferedPerWeek && r.Channel == ChannelKind.Online).Difference.Should().BeGreaterThan(0);
        rows.Single(r => r.Measure == ImpactMeasure.BookedPerWeek && r.Channel == ChannelKind.Online).Difference.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task SeedAsync_SameClockTwice_WritesTheSameHistory()
    {
        using var first = await SeededAsync();
        using var second = await SeededAsync();

        await DemoHistory.SeedAsync(first.Factory, first.Clock);
        await DemoHistory.SeedAsync(second.Factory, second.Clock);

        (await IdsAsync(first)).Should().Equal(await IdsAsync(second));
    }

    [Fact]
    public async Task SeedAsync_DatabaseWithAppointments_WritesNothing()
    {
        using var stores = await SeededAsync();
        await DemoHistory.SeedAsync(stores.Factory, stores.Clock);
        var count = await stores.CountAsync(db => db.Appointments);

        (await DemoHistory.SeedAsync(stores.Factory, stores.Clock)).Should().Be(0);

        (await stores.CountAsync(db => db.Appointments)).Should().Be(count);
    }

    private static async Task<DataStores> SeededAsync()
    {
        var stores = await DataStores.CreateAsync(TestClock.At(Now, PracticeTime.Zone));
        await DemoPractice.SeedAsync(stores.Factory, stores.Store, stores.Clock);
        return stores;
    }

    private static async Task<List<string>> IdsAsync(DataStores stores)
    {
        await using var db = await stores.Factory.CreateDbContextAsync();
        return await db.Appointments.OrderBy(a => a.SlotId).Select(a => a.SlotId + a.Status + a.ChannelKind).ToListAsync();
    }
}
