using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class LocalTimeRangeTests
{
    [Fact]
    public void Parse_MorningSession_GivesHalfOpenRangeOfMinutes()
    {
        var range = LocalTimeRange.Parse("08:30-11:30");

        range.Start.Should().Be(new LocalTime(8, 30));
        range.End.Should().Be(new LocalTime(11, 30));
        range.Minutes.Should().Be(180);
        range.ToString().Should().Be("08:30-11:30");
    }

    [Theory]
    [InlineData(9, 0, 9, 0)]
    [InlineData(10, 0, 9, 0)]
    public void Constructor_EndNotAfterStart_Throws(int startHour, int startMinute, int endHour, int endMinute)
    {
        var act = () => new LocalTimeRange(new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_SecondsInTime_Throws()
    {
        var act = () => new LocalTimeRange(new LocalTime(9, 0, 30), new LocalTime(10, 0));

        act.Should().Throw<ArgumentException>().WithMessage("*whole minutes*");
    }

    [Theory]
    [InlineData("09:00-10:00", "09:59-11:00", true)]
    [InlineData("09:00-10:00", "10:00-11:00", false)]
    [InlineData("09:00-12:00", "10:00-11:00", true)]
    public void Overlaps_TwoRanges_TrueOnlyWhenTheyShareTime(string first, string second, bool expected)
    {
        LocalTimeRange.Parse(first).Overlaps(LocalTimeRange.Parse(second)).Should().Be(expected);
        LocalTimeRange.Parse(second).Overlaps(LocalTimeRange.Parse(first)).Should().Be(expected);
    }

    [Fact]
    public void Parse_NotARange_Throws()
    {
        var act = () => LocalTimeRange.Parse("08:30");

        act.Should().Throw<FormatException>();
    }
}
