using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class WeekPatternTests
{
    private static readonly LocalDate Anchor = new(2026, 1, 7); // a Wednesday: week 1 starts Monday 5 January

    [Theory]
    [InlineData(2026, 1, 5, 1)]
    [InlineData(2026, 1, 11, 1)]
    [InlineData(2026, 1, 12, 2)]
    [InlineData(2026, 2, 2, 1)]
    [InlineData(2025, 12, 29, 4)] // the week before the anchor continues the cycle backwards
    [InlineData(2025, 12, 22, 3)]
    public void WeekOfCycle_FourWeekCycle_CountsMondayToSundayWeeksFromAnchor(int year, int month, int day, int expected)
    {
        var pattern = WeekPattern.WeeksOfCycle(4, [1, 3], Anchor);

        pattern.WeekOfCycle(new LocalDate(year, month, day)).Should().Be(expected);
    }

    [Fact]
    public void Matches_WeeksOneAndThreeOfFour_MatchesOnlyThoseWeeks()
    {
        var pattern = WeekPattern.WeeksOfCycle(4, [3, 1, 3], Anchor);

        pattern.Weeks.Should().Equal(1, 3);
        Enumerable.Range(0, 8).Select(w => pattern.Matches(new LocalDate(2026, 1, 5).PlusWeeks(w)))
            .Should().Equal(true, false, true, false, true, false, true, false);
        pattern.ToString().Should().Be("weeks 1, 3 of 4 from 2026-01-05");
    }

    [Fact]
    public void EveryWeek_AnyDate_Matches()
    {
        WeekPattern.EveryWeek.Matches(new LocalDate(1999, 6, 1)).Should().BeTrue();
        WeekPattern.EveryWeek.ToString().Should().Be("every week");
    }

    [Theory]
    [InlineData(0, new[] { 1 })]
    [InlineData(4, new int[0])]
    [InlineData(4, new[] { 5 })]
    [InlineData(WeekPattern.MaxCycleWeeks + 1, new[] { 1 })]
    public void WeeksOfCycle_InvalidCycleOrWeeks_Throws(int cycle, int[] weeks)
    {
        var act = () => WeekPattern.WeeksOfCycle(cycle, weeks, Anchor);

        act.Should().Throw<ArgumentException>();
    }
}
