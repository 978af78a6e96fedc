using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Release;
using Booking.Data.Reporting;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The impact report loading on a real SQLite file: the one-GP test practice (Mondays from 4 May 2026, online capped at
/// five a day), whose release rule stops releasing to online from Monday 1 June. On Monday 18 May online and reception
/// booked one slot each (25 May is a bank holiday); on 1 June reception booked one. The report compares two weeks each side
/// and is read on Tuesday 2 June, when only 1 June of the after side is over.
/// </summary>
public sealed class ImpactQueriesTests : IAsyncLifetime
{
    private static readonly LocalDate Before = TestPractice.Monday.PlusWeeks(-2);

    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private ImpactQueries _impact = null!;
    private int _changedRuleId;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _impact = new ImpactQueries(_stores.Factory, _stores.Configuration, _stores.Clock);

        _stores.Clock.Reset(At(Before.PlusDays(-3), 9, 0));
        await BookAsync(8, 0, Before, 1, Channel.Online);
        await BookAsync(8, 10, Before, 2, Channel.Reception);
        var changed = await _stores.Store.ChangeReleaseRuleAsync(
            _practice.RuleId,
            new ReleaseRuleSpec(ReleaseScope.ForService(_practice.ServiceId), [new(ChannelSelectorSpec.Reception)], ReleaseTerms.Open),
            TestPractice.Monday,
            DataStores.Setup);
        changed.Succeeded.Should().BeTrue(changed.Message);
        _changedRuleId = changed.Value!.Id;

        _stores.Clock.Reset(At(TestPractice.Monday.PlusDays(-3), 9, 0));
        await BookAsync(8, 0, TestPractice.Monday, 3, Channel.Reception);
        _stores.Clock.Reset(At(TestPractice.Monday.PlusDays(1), 12, 0));
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListChangesAsync_RuleChanged_ListsItFirstWithItsDateAndWhatItDoes()
    {
        var changes = await _impact.ListChangesAsync();

        changes[0].Should().Be(new ImpactChange(ImpactChangeKind.ReleaseRule, _changedRuleId, TestPractice.Monday, "Changed release rule for GP appointment: reception"));
        changes.Skip(1).Select(c => (c.Kind, c.Date, c.Description)).Should().Equal(
            (ImpactChangeKind.ReleaseRule, new LocalDate(2026, 5, 4), "New release rule for GP appointment: reception, online"),
            (ImpactChangeKind.Quota, new LocalDate(2026, 5, 4), "New quota for online on GP appointment: at most 5 a day"));
    }

    [Fact]
    public async Task GetAsync_ChangeDate_ComparesOfferedAndBookedUnderEachSidesRules()
    {
        var set = (await _impact.GetAsync(TestPractice.Monday, 2))!;

        var (before, after) = (set.Comparison.Before, set.Comparison.After);
        // One Monday of slots in the fortnight before: half of it per week.
        before.For(ChannelKind.Online).Should().Be(new ImpactChannelFigures(ChannelKind.Online, TestPractice.OnlineDailyQuota / 2.0, 0.5));
        before.For(ChannelKind.Reception).Should().Be(new ImpactChannelFigures(ChannelKind.Reception, TestPractice.SlotsPerSession / 2.0, 0.5));
        before.For(ChannelKind.Organisation).Should().Be(new ImpactChannelFigures(ChannelKind.Organisation, 0, 0), "no setting names an organisation");
        after.Channels.Should().OnlyContain(c => c.OfferedPerWeek == null && c.BookedPerWeek == null,
            "one day measured is not a whole week: scaled to a week it would count one Monday's slots seven times");
        after.Window.DaysCovered.Should().Be(1);
        // Online could book the first five slots (its quota); 08:00 and 08:10 were booked, through either channel.
        before.OnlineUnbookedShare.Should().Be(3.0 / 5);
        set.Today.Should().Be(TestPractice.Monday.PlusDays(1));
    }

    [Fact]
    public async Task GetAsync_AfterSideNotOver_CoversCompleteDaysOnly()
    {
        var set = (await _impact.GetAsync(TestPractice.Monday, 2))!;

        set.Comparison.Before.Window.DaysCovered.Should().Be(14);
        set.Comparison.After.Window.Covered.Should().Equal(TestPractice.Monday);
        set.Comparison.After.Window.CutByToday.Should().BeTrue();
    }

    [Fact]
    public async Task GetAsync_BeforeSideEarlierThanTheRota_StartsAtTheRotasFirstDate()
    {
        var set = (await _impact.GetAsync(TestPractice.Monday, 6))!;

        set.Comparison.Before.Window.Covered!.Start.Should().Be(new LocalDate(2026, 5, 4));
        set.Comparison.Before.Window.CutByHistoryStart.Should().BeTrue();
        set.Comparison.Before.Window.DaysCovered.Should().Be(28);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public async Task GetAsync_WeeksOutsideOneToTwentySix_IsRefused(int weeks)
    {
        var act = () => _impact.GetAsync(TestPractice.Monday, weeks);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    private async Task BookAsync(int hour, int minute, LocalDate date, int patient, Channel channel)
    {
        var outcome = await _stores.Booking.BookAsync(
            new NewBooking(_practice.Slot(hour, minute, date), DataStores.PatientDetails(patient), channel), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
    }

    private static Instant At(LocalDate date, int hour, int minute) =>
        date.At(new LocalTime(hour, minute)).InZoneStrictly(PracticeTime.Zone).ToInstant();
}
