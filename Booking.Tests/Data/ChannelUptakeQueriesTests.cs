using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Data.Appointments;
using Booking.Data.Reporting;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// How fast each channel's slots go, on a real database: the one-GP test practice releases Monday's 20 slots to
/// reception and online, online capped at five a day. Online books five on the Friday before, then one attempt finds
/// its slot taken and one finds the quota used; both are refused, and counted without the patient.
/// </summary>
public sealed class ChannelUptakeQueriesTests : IAsyncLifetime
{
    private static readonly DateInterval MondayOnly = new(TestPractice.Monday, TestPractice.Monday);

    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private ReportQueries _reports = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _reports = new ReportQueries(_stores.Factory, _stores.Configuration, _stores.Refusals, _stores.Clock);
        for (var patient = 1; patient <= TestPractice.OnlineDailyQuota; patient++)
        {
            (await BookOnlineAsync(9, (patient - 1) * 10, patient)).Succeeded.Should().BeTrue();
        }

        (await BookOnlineAsync(9, 0, 20)).Reasons.Should().ContainSingle(r => r is SlotAlreadyBooked);
        (await BookOnlineAsync(11, 0, 21)).Reasons.Should().Contain(r => r is QuotaUsed);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetAsync_BeforeTheCountsAreWritten_ReportsTheRefusalsAlready()
    {
        var online = await OnlineMondayAsync();

        online.Should().Be(new ChannelUptakeRow(TestPractice.Monday, ChannelGroup.Online, Released: TestPractice.SlotsPerSession,
            Taken: TestPractice.OnlineDailyQuota, BookedThroughChannel: TestPractice.OnlineDailyQuota, AllTakenAt: null, RefusedNoneLeft: 2, RefusedOther: 0));
        (await _stores.CountAsync(db => db.BookingRefusalCounts)).Should().Be(0, "nothing is written until the tally flushes");
    }

    [Fact]
    public async Task FlushAsync_WritesOneRowPerDateChannelAndReason_AndTheReportCountsEachAttemptOnce()
    {
        await _stores.Refusals.FlushAsync();
        (await OnlineMondayAsync()).RefusedNoneLeft.Should().Be(2);

        (await BookOnlineAsync(9, 10, 22)).Succeeded.Should().BeFalse();
        await _stores.Refusals.FlushAsync();

        await using var db = await _stores.Factory.CreateDbContextAsync();
        var rows = await db.BookingRefusalCounts.AsNoTracking().ToListAsync();
        rows.Select(r => (r.SlotDate, r.Group, r.Reason, r.Count)).Should().BeEquivalentTo(
        [
            (TestPractice.Monday, ChannelGroup.Online, RefusalReason.SlotTaken, 2),
            (TestPractice.Monday, ChannelGroup.Online, RefusalReason.QuotaUsed, 1),
        ]);
        (await OnlineMondayAsync()).RefusedNoneLeft.Should().Be(3);
    }

    [Fact]
    public async Task GetAsync_EveryReleasedSlotBooked_SaysWhenTheLastWent()
    {
        _stores.Clock.Reset(TestPractice.Monday.At(new LocalTime(7, 0)).InZoneStrictly(Booking.Core.Time.PracticeTime.Zone).ToInstant());
        var bookedOnline = Enumerable.Range(0, TestPractice.OnlineDailyQuota).Select(i => _practice.Slot(9, i * 10)).ToHashSet();
        foreach (var (slot, patient) in _practice.MondaySlots().Where(s => !bookedOnline.Contains(s)).Select((slot, index) => (slot, 30 + index)))
        {
            _stores.Clock.AdvanceMinutes(1);
            var outcome = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(patient), Channel.Reception), DataStores.Receptionist);
            outcome.Succeeded.Should().BeTrue(outcome.Message);
        }

        var online = await OnlineMondayAsync();

        online.Left.Should().Be(0);
        online.AllTakenAt.Should().Be(TestPractice.Monday.At(new LocalTime(7, TestPractice.SlotsPerSession - TestPractice.OnlineDailyQuota)));
        online.BookedThroughChannel.Should().Be(TestPractice.OnlineDailyQuota);
    }

    private async Task<ChannelUptakeRow> OnlineMondayAsync() =>
        (await _reports.GetAsync(MondayOnly))!.Uptake.Single(r => r.Group == ChannelGroup.Online);

    private Task<BookingOutcome> BookOnlineAsync(int hour, int minute, int patient) =>
        _stores.Booking.BookAsync(new NewBooking(_practice.Slot(hour, minute), DataStores.PatientDetails(patient), Channel.Online), DataStores.Receptionist);
}
