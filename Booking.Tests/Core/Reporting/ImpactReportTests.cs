using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Reporting;

/// <summary>
/// A hand-made history around a release change on Monday 6 April 2026 (M2): service 1 has four 10-minute slots from 09:00
/// and a 12:00 NHS 111 slot every Monday (30 March, 6 April, 13 April) and nothing on other days. Until 5 April only
/// reception may book the 09:00 slots; from 6 April online may too, at most three a day. Each side is one week, so
/// weekly averages equal the side's counts.
/// </summary>
public class ImpactReportTests
{
    private static readonly LocalDate M1 = Monday;
    private static readonly LocalDate M2 = Monday.PlusWeeks(1);
    private static readonly LocalDate M3 = Monday.PlusWeeks(2);
    private static readonly SessionSource Nhs111Session = new(SessionSourceKind.Template, 2);

    private static readonly ReleasePolicy Rules = Policy(
        [
            new ReleaseRule(1, ReleaseScope.ForService(1), new EffectivePeriod(M1, M2.PlusDays(-1)), [new ChannelRelease(ChannelSelector.Reception)], ReleaseTerms.Open),
            new ReleaseRule(
                2, ReleaseScope.ForService(1), new EffectivePeriod(M2), [new ChannelRelease(ChannelSelector.Reception), new ChannelRelease(ChannelSelector.Online)], ReleaseTerms.Open),
            new ReleaseRule(3, ReleaseScope.ForSession(Nhs111Session), EffectivePeriod.Always, [new ChannelRelease(Nhs111Selector)], ReleaseTerms.Open),
        ],
        [new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Count(3)) { Period = new EffectivePeriod(M2) }]);

    private static readonly ReleasePolicy OpenToAll = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Everyone)]);

    private static readonly List<Slot> Slots = [.. MondaySlots(M1), .. MondaySlots(M2), .. MondaySlots(M3)];

    private static List<Slot> MondaySlots(LocalDate date) => [.. Session(date, 9, 4), Slot(date, 12, template: 2)];

    private static Slot At09(LocalDate date, int index) => Slots.Single(s => s.Date == date && s.LocalStart.TimeOfDay == new LocalTime(9, index * 10));

    private static Slot Nhs111Slot(LocalDate date) => Slots.Single(s => s.Date == date && s.Session.Source == Nhs111Session);

    /// <summary>
    /// Before (30 March): reception books 09:00 three days ahead (seen), 09:10 on the day at 08:30 (DNA) and 09:20 the day
    /// before (cancelled); 111 books 12:00 on the day at 08:10 (seen). After (6 April): online books 09:00 two days ahead
    /// (DNA) and 09:30 six days ahead (seen); reception books 09:10 four days ahead (DNA). Bookings ahead are made at 10:00.
    /// </summary>
    private static readonly List<Appointment> Appointments =
    [
        Attended(Book(At09(M1, 0), At(M1.PlusDays(-3), 10), Channel.Reception)),
        Dna(Book(At09(M1, 1), At(M1, 8, 30), Channel.Reception)),
        Cancelled(Book(At09(M1, 2), At(M1.PlusDays(-1), 10), Channel.Reception)),
        Attended(Book(Nhs111Slot(M1), At(M1, 8, 10), Nhs111)),
        Dna(Book(At09(M2, 0), At(M2.PlusDays(-2), 10), Channel.Online)),
        Dna(Book(At09(M2, 1), At(M2.PlusDays(-4), 10), Channel.Reception)),
        Attended(Book(At09(M2, 3), At(M2.PlusDays(-6), 10), Channel.Online)),
    ];

    private static ImpactHistory History(LocalDate? historyStart = null, IReadOnlyList<Slot>? slots = null, IReadOnlyList<Appointment>? appointments = null) =>
        new(London, historyStart ?? M1, Rules, [Nhs111], slots ?? Slots, appointments ?? Appointments);

    private static ImpactComparison CompareM2(LocalDate today, ImpactHistory? history = null) =>
        ImpactReport.Compare(M2, 1, today, history ?? History());

    [Fact]
    public void Compare_BothWeeksPast_CoversSevenDaysEachSideUncut()
    {
        var result = CompareM2(M3);

        result.Before.Window.Should().Be(new ImpactWindow(new DateInterval(M1, M1.PlusDays(6)), new DateInterval(M1, M1.PlusDays(6)), false, false, new DateInterval(M1, M1.PlusDays(6))));
        result.After.Window.Should().Be(new ImpactWindow(new DateInterval(M2, M2.PlusDays(6)), new DateInterval(M2, M2.PlusDays(6)), false, false, new DateInterval(M2, M2.PlusDays(6))));
        result.Before.Window.DaysCovered.Should().Be(7);
    }

    [Fact]
    public void Compare_ReleaseChange_CountsSlotsOfferedPerChannelUnderEachSidesRulesAndQuotas()
    {
        var result = CompareM2(M3);

        // Reception: the four 09:00 slots both weeks (the 111 session is not theirs). Online: none, then three of four (quota).
        result.Before.Channels.Select(c => (c.Channel, c.OfferedPerWeek)).Should().Equal(
            (ChannelKind.Reception, 4.0), (ChannelKind.Online, 0.0), (ChannelKind.Organisation, 1.0));
        result.After.Channels.Select(c => (c.Channel, c.OfferedPerWeek)).Should().Equal(
            (ChannelKind.Reception, 4.0), (ChannelKind.Online, 3.0), (ChannelKind.Organisation, 1.0));
    }

    [Fact]
    public void Compare_ReleaseChange_CountsActiveBookingsPerChannel()
    {
        var result = CompareM2(M3);

        result.Before.Channels.Select(c => c.BookedPerWeek).Should().Equal(2.0, 0.0, 1.0);
        result.After.Channels.Select(c => c.BookedPerWeek).Should().Equal(1.0, 2.0, 0.0);
    }

    [Fact]
    public void Compare_ReleaseChange_GivesDnaRateAndMedianDaysToAppointment()
    {
        var result = CompareM2(M3);

        result.Before.DidNotAttend.Should().Be(new DnaRate(2, 1));
        result.After.DidNotAttend.Should().Be(new DnaRate(1, 2));
        result.Before.MedianDaysToAppointment.Should().Be(0, "lead times 3, 0 and 0 (the cancelled booking left out)");
        result.After.MedianDaysToAppointment.Should().Be(4, "lead times 2, 4 and 6");
    }

    [Fact]
    public void Compare_ReleaseChange_GivesMedianThirdNextAvailableAt0800FromWhatWasFreeThen()
    {
        var result = CompareM2(M3);

        // Before, at 08:00 each day from 30 March: 0 (09:10, 09:20, 09:30 free; the cancelled 09:20 counts as free), then
        // 6, 5, 4 (M2's first three slots free until booked), 3 (M2's 12:00), 2 and 8 (M3 09:00): median 4.
        // After, from 6 April: 7 (M3 09:00 third), then 6, 5, 4, 3, 2, 1: median 4.
        result.Before.ThirdNextAvailable.Should().Equal(new ImpactThirdNextAvailable(1, 4));
        result.After.ThirdNextAvailable.Should().Equal(new ImpactThirdNextAvailable(1, 4));
    }

    [Fact]
    public void Compare_FewerThanThreeFreeSlotsAhead_LeavesTheDayOutOfTheMedian()
    {
        // Only M1's slots exist: from Tuesday on, nothing lies ahead, so only Monday (third free at 09:20, day 0) counts.
        var result = CompareM2(M3, History(slots: MondaySlots(M1), appointments: []));

        result.Before.ThirdNextAvailable.Should().Equal(new ImpactThirdNextAvailable(1, 0));
        result.After.ThirdNextAvailable.Should().Equal(new ImpactThirdNextAvailable(1, null));
    }

    [Fact]
    public void Compare_ReleaseChange_GivesShareOfOnlineSlotsNobodyBooked()
    {
        var result = CompareM2(M3);

        result.Before.OnlineUnbookedShare.Should().BeNull("nothing was offered online");
        // Online could book 09:00, 09:10 and 09:20 (quota three); 09:20 stayed empty.
        result.After.OnlineOffered.Should().Be(3);
        result.After.OnlineUnbooked.Should().Be(1);
        result.After.OnlineUnbookedShare.Should().BeApproximately(1.0 / 3, 1e-9);
    }

    [Fact]
    public void Rows_ReleaseChange_GiveAfterMinusBefore()
    {
        var rows = CompareM2(M3).Rows();

        rows.Single(r => r.Measure == ImpactMeasure.OfferedPerWeek && r.Channel == ChannelKind.Online).Difference.Should().Be(3);
        rows.Single(r => r.Measure == ImpactMeasure.BookedPerWeek && r.Channel == ChannelKind.Reception).Difference.Should().Be(-1);
        rows.Single(r => r.Measure == ImpactMeasure.DnaRate).Difference.Should().BeApproximately(1.0 / 3, 1e-9);
        rows.Single(r => r.Measure == ImpactMeasure.MedianDaysToAppointment).Difference.Should().Be(4);
        rows.Single(r => r.Measure == ImpactMeasure.MedianThirdNextAvailable).Should().Be(new ImpactRow(ImpactMeasure.MedianThirdNextAvailable, null, 1, 4, 4));
        rows.Single(r => r.Measure == ImpactMeasure.OnlineUnbookedShare).Difference.Should().BeNull("before has no online slots");
        rows.Should().HaveCount(3 + 3 + 1 + 1 + 1 + 1);
    }

    [Fact]
    public void Compare_AfterSidePartlyPast_CoversCompleteDaysToYesterdayButGivesNoPerWeekFigureForAPartWeek()
    {
        // Today is Thursday 9 April: Monday to Wednesday are complete, which is not yet a week.
        var result = CompareM2(M2.PlusDays(3));

        result.After.Window.Covered.Should().Equal(new DateInterval(M2, M2.PlusDays(2)));
        result.After.Window.DaysCovered.Should().Be(3);
        result.After.Window.CutByToday.Should().BeTrue();
        result.After.Window.CutByHistoryStart.Should().BeFalse();
        result.After.Window.WholeWeeks.Should().BeNull();
        result.After.Channels.Should().OnlyContain(c => c.OfferedPerWeek == null && c.BookedPerWeek == null,
            "three days scaled to a week would count the Monday's slots as if every weekday had them");
        result.After.DidNotAttend.Should().Be(new DnaRate(1, 2), "rates and medians use every covered day");
        result.Before.Window.WholeWeeks.Should().Equal(new DateInterval(M1, M1.PlusDays(6)));
    }

    [Fact]
    public void Compare_TenDaysAfterATwoWeekChange_CountsPerWeekFromTheWholeWeekNearestTheChange()
    {
        // Two weeks each side; today is Thursday 16 April, so the after side has ten complete days (6 to 15 April).
        var result = ImpactReport.Compare(M2, 2, M3.PlusDays(3), History());

        result.After.Window.DaysCovered.Should().Be(10);
        result.After.Window.WholeWeeks.Should().Equal(new DateInterval(M2, M2.PlusDays(6)));
        result.After.For(ChannelKind.Online).OfferedPerWeek.Should().Be(3, "the week of 6 April offered online its quota of three, and 13 April is left out");
        result.After.For(ChannelKind.Online).BookedPerWeek.Should().Be(2);
        result.Before.Window.WholeWeeks.Should().Equal(new DateInterval(M1, M1.PlusDays(6)), "the history starts on 30 March, one week before the change");
    }

    [Fact]
    public void Compare_ChangeInTheFuture_AfterSideCoversNothingAndBeforeStopsYesterday()
    {
        // Today is Friday 3 April; the change on the 6th has not happened.
        var result = CompareM2(M1.PlusDays(4));

        result.After.Window.Covered.Should().BeNull();
        result.After.Window.DaysCovered.Should().Be(0);
        result.After.Window.CutByToday.Should().BeTrue();
        result.After.Channels.Should().OnlyContain(c => c.OfferedPerWeek == null && c.BookedPerWeek == null);
        result.After.DidNotAttend.Rate.Should().BeNull();
        result.After.MedianDaysToAppointment.Should().BeNull();
        result.Before.Window.Covered.Should().Equal(new DateInterval(M1, M1.PlusDays(3)));
        result.Before.Window.CutByToday.Should().BeTrue();
        result.Rows().Should().OnlyContain(r => r.Difference == null);
    }

    [Fact]
    public void Compare_HistoryStartsInsideTheBeforeWeek_CutsItAndSaysSo()
    {
        var result = CompareM2(M3, History(historyStart: M1.PlusDays(3)));

        result.Before.Window.Covered.Should().Equal(new DateInterval(M1.PlusDays(3), M1.PlusDays(6)));
        result.Before.Window.CutByHistoryStart.Should().BeTrue();
        result.Before.Window.CutByToday.Should().BeFalse();
        result.Before.For(ChannelKind.Reception).OfferedPerWeek.Should().BeNull("four days are not a whole week");
        result.Before.DidNotAttend.Should().Be(new DnaRate(0, 0));
    }

    [Fact]
    public void Compare_NoData_GivesZeroesPerWeekAndNoRatesOrMedians()
    {
        var result = CompareM2(M3, History(slots: [], appointments: []));

        result.Before.Channels.Should().OnlyContain(c => c.OfferedPerWeek == 0 && c.BookedPerWeek == 0);
        result.After.DidNotAttend.Rate.Should().BeNull();
        result.After.MedianDaysToAppointment.Should().BeNull();
        result.After.ThirdNextAvailable.Should().BeEmpty();
        result.After.OnlineUnbookedShare.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    [InlineData(-1)]
    public void Compare_WeeksOutsideOneToTwentySix_IsRefused(int weeks)
    {
        var act = () => ImpactReport.Compare(M2, weeks, M3, History());

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("weeks");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(26)]
    public void AskedWindows_WeeksAtTheLimits_AreWholeWeeksEitherSideOfTheChange(int weeks)
    {
        var (before, after) = ImpactReport.AskedWindows(M2, weeks);

        before.Should().Equal(new DateInterval(M2.PlusWeeks(-weeks), M2.PlusDays(-1)));
        after.Should().Equal(new DateInterval(M2, M2.PlusDays((weeks * 7) - 1)));
    }

    [Fact]
    public void Median_EvenCount_IsTheMeanOfTheMiddleTwo() =>
        ImpactReport.Median([5, 1, 2, 8]).Should().Be(3.5);

    private static Appointment Book(Slot slot, Instant bookedAt, Channel channel)
    {
        var result = new AppointmentBook(OpenToAll).Book(
            new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), slot, channel, Receptionist), [slot], new QuotaLedger(), bookedAt);
        result.Succeeded.Should().BeTrue();
        return result.Appointment!;
    }

    private static Appointment Cancelled(Appointment appointment) =>
        new AppointmentBook(OpenToAll)
            .Cancel(appointment, CancellationReason.PatientRequest, null, Receptionist, QuotaLedger.FromAppointments([appointment]), appointment.CreatedAt)
            .Appointment!;

    private static Appointment Dna(Appointment appointment) => appointment.MarkDidNotAttend(Receptionist, appointment.Slot.End).Appointment!;

    private static Appointment Attended(Appointment appointment) => appointment.MarkFulfilled(Receptionist, appointment.Slot.End).Appointment!;
}
