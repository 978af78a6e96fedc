using Booking.Core.Time;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Time;

public class EasterTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2038, 4, 25)] // latest possible date
    [InlineData(2285, 3, 22)] // earliest possible date
    [InlineData(1818, 3, 22)]
    [InlineData(1943, 4, 25)]
    public void Sunday_KnownYears_ReturnsPublishedDate(int year, int month, int day)
    {
        Easter.Sunday(year).Should().Be(new LocalDate(year, month, day));
    }

    [Fact]
    public void Sunday_AnyGregorianYear_IsASundayBetween22MarchAnd25April()
    {
        for (var year = 1583; year <= 4099; year++)
        {
            var sunday = Easter.Sunday(year);
            sunday.DayOfWeek.Should().Be(IsoDayOfWeek.Sunday);
            sunday.Should().BeGreaterThanOrEqualTo(new LocalDate(year, 3, 22)).And.BeLessThanOrEqualTo(new LocalDate(year, 4, 25));
        }
    }

    [Fact]
    public void Sunday_BeforeGregorianCalendar_Throws()
    {
        var act = () => Easter.Sunday(1582);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
