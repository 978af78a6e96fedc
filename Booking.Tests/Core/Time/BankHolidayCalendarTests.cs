using Booking.Core.Time;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Time;

public class BankHolidayCalendarTests
{
    // Published on gov.uk/bank-holidays for England and Wales.
    public static TheoryData<int, string[]> PublishedDates => new()
    {
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
        { 2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"] },
    };

    [Theory]
    [MemberData(nameof(PublishedDates))]
    public void InYear_2025To2028_MatchesGovUk(int year, string[] expected)
    {
        var dates = BankHolidayCalendar.EnglandAndWales.InYear(year).Select(h => h.Date.ToString("yyyy-MM-dd", null));

        dates.Should().Equal(expected);
    }

    [Fact]
    public void InYear_2026_NamesBoxingDaySubstitute()
    {
        var holidays = BankHolidayCalendar.EnglandAndWales.InYear(2026);

        holidays[^2].Name.Should().Be("Christmas Day");
        holidays[^1].Name.Should().Be("Boxing Day (substitute day)");
    }

    [Fact]
    public void InYear_2027ChristmasOnSaturday_BothSubstitutesFollow()
    {
        var holidays = BankHolidayCalendar.EnglandAndWales.InYear(2027);

        holidays[^2].Should().Be(new BankHoliday(new LocalDate(2027, 12, 27), "Christmas Day (substitute day)"));
        holidays[^1].Should().Be(new BankHoliday(new LocalDate(2027, 12, 28), "Boxing Day (substitute day)"));
    }

    [Fact]
    public void InYear_2028NewYearOnSaturday_MondaySubstitute()
    {
        BankHolidayCalendar.EnglandAndWales.InYear(2028)[0]
            .Should().Be(new BankHoliday(new LocalDate(2028, 1, 3), "New Year's Day (substitute day)"));
    }

    [Fact]
    public void InYear_ChristmasOnSunday_BoxingDayStaysAndChristmasMovesToTuesday()
    {
        // 2022: Christmas Day was a Sunday.
        var christmas = BankHolidayCalendar.StandingRules.InYear(2022).TakeLast(2);

        christmas.Should().Equal(
            new BankHoliday(new LocalDate(2022, 12, 26), "Boxing Day"),
            new BankHoliday(new LocalDate(2022, 12, 27), "Christmas Day (substitute day)"));
    }

    [Fact]
    public void InYear_2022WithProclamations_MatchesGovUk()
    {
        var dates = BankHolidayCalendar.EnglandAndWales.InYear(2022).Select(h => h.Date);

        dates.Should().Equal(
            new LocalDate(2022, 1, 3),
            new LocalDate(2022, 4, 15),
            new LocalDate(2022, 4, 18),
            new LocalDate(2022, 5, 2),
            new LocalDate(2022, 6, 2),
            new LocalDate(2022, 6, 3),
            new LocalDate(2022, 8, 29),
            new LocalDate(2022, 9, 19),
            new LocalDate(2022, 12, 26),
            new LocalDate(2022, 12, 27));
    }

    [Fact]
    public void WithAddition_NewDate_IsAHolidayWithThatName()
    {
        var calendar = BankHolidayCalendar.EnglandAndWales.WithAddition(new LocalDate(2029, 6, 4), "Royal jubilee");

        calendar.TryGetHoliday(new LocalDate(2029, 6, 4), out var holiday).Should().BeTrue();
        holiday!.Name.Should().Be("Royal jubilee");
        calendar.InYear(2029).Should().HaveCount(9);
    }

    [Fact]
    public void WithRemoval_RuleDate_IsNoLongerAHoliday()
    {
        var calendar = BankHolidayCalendar.EnglandAndWales.WithRemoval(new LocalDate(2026, 5, 4));

        calendar.TryGetHoliday(new LocalDate(2026, 5, 4), out _).Should().BeFalse();
        BankHolidayCalendar.EnglandAndWales.TryGetHoliday(new LocalDate(2026, 5, 4), out _).Should().BeTrue("calendars are immutable");
    }

    [Fact]
    public void Within_RangeAcrossNewYear_ReturnsOnlyDatesInside()
    {
        var holidays = BankHolidayCalendar.EnglandAndWales.Within(new DateInterval(new LocalDate(2026, 12, 26), new LocalDate(2027, 1, 1)));

        holidays.Select(h => h.Date).Should().Equal(new LocalDate(2026, 12, 28), new LocalDate(2027, 1, 1));
    }

    [Fact]
    public void TryGetHoliday_OrdinaryMonday_ReturnsFalse()
    {
        BankHolidayCalendar.EnglandAndWales.TryGetHoliday(new LocalDate(2026, 3, 30), out var holiday).Should().BeFalse();
        holiday.Should().BeNull();
    }

    [Fact]
    public void Constructor_OverlongName_Throws()
    {
        var act = () => new BankHoliday(new LocalDate(2026, 1, 1), new string('x', BankHoliday.MaxNameLength + 1));

        act.Should().Throw<ArgumentException>();
    }
}
