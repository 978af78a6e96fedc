using Booking.Core.Time;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Time;

public class ClockChangeRuleTests
{
    private static readonly DateTimeZone London = PracticeTime.Zone;

    [Fact]
    public void ToInstant_SkippedTimeInMarch_IsTheMomentClocksGoForward()
    {
        // 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never appears on a clock.
        var instant = ClockChangeRule.ToInstant(new LocalDateTime(2026, 3, 29, 1, 30), London);

        instant.Should().Be(Instant.FromUtc(2026, 3, 29, 1, 0));
        ClockChangeRule.IsSkipped(new LocalDateTime(2026, 3, 29, 1, 30), London).Should().BeTrue();
    }

    [Fact]
    public void ToInstant_RepeatedTimeInOctober_IsTheEarlierSummerTimeOccurrence()
    {
        // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens at 00:30 UTC and again at 01:30 UTC.
        var instant = ClockChangeRule.ToInstant(new LocalDateTime(2026, 10, 25, 1, 30), London);

        instant.Should().Be(Instant.FromUtc(2026, 10, 25, 0, 30));
        ClockChangeRule.IsSkipped(new LocalDateTime(2026, 10, 25, 1, 30), London).Should().BeFalse();
    }

    [Theory]
    [InlineData(2026, 3, 29, 8, 30, 7, 30)]
    [InlineData(2026, 10, 25, 8, 30, 8, 30)]
    [InlineData(2026, 3, 29, 0, 59, 0, 59)]
    [InlineData(2026, 3, 29, 2, 0, 1, 0)]
    public void ToInstant_OrdinaryTimeOnChangeDay_UsesThatTimesOffset(int year, int month, int day, int hour, int minute, int utcHour, int utcMinute)
    {
        var instant = ClockChangeRule.ToInstant(new LocalDateTime(year, month, day, hour, minute), London);

        instant.Should().Be(Instant.FromUtc(year, month, day, utcHour, utcMinute));
    }

    [Fact]
    public void ToInstant_LocalTimesInOrder_NeverGoBackwards()
    {
        foreach (var date in new[] { new LocalDate(2026, 3, 29), new LocalDate(2026, 10, 25) })
        {
            var previous = Instant.MinValue;
            for (var minute = 0; minute < 24 * 60; minute++)
            {
                var instant = ClockChangeRule.ToInstant(date.At(LocalTime.Midnight.PlusMinutes(minute)), London);
                instant.Should().BeGreaterThanOrEqualTo(previous);
                previous = instant;
            }
        }
    }
}
