using Booking.Web.Components.Pages.Manage.Reports;
using Booking.Web.Infrastructure;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The CSV the report downloads carry, and the date ranges the reports page accepts.</summary>
public sealed class ReportsCsvTests
{
    private static readonly LocalDate Today = new(2026, 11, 24);

    [Theory]
    [InlineData("=SUM(A1:A3)", "'=SUM(A1:A3)")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("+44 20 7946 0000", "+44 20 7946 0000")]
    [InlineData("+44 (0)7700 900123", "+44 (0)7700 900123")]
    [InlineData("-1", "-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Smith, Jane", "\"Smith, Jane\"")]
    [InlineData("=\"quoted\", too", "\"'=\"\"quoted\"\", too\"")]
    [InlineData("GP appointment", "GP appointment")]
    public void Cell_ValueASpreadsheetWouldRunOrSplit_IsKeptAsText(string value, string expected) =>
        CsvDownload.Cell(value).Should().Be(expected);

    [Fact]
    public void ToCsv_Table_WritesHeaderThenCsvRowsWithCrLf()
    {
        var table = new ReportTable("k", "Title", ["Service", "Booked"], [["Shown", "1"]], [["=Evil", "1"]]);

        ReportCsv.ToCsv(table).Should().Be("Service,Booked\r\n'=Evil,1\r\n");
    }

    [Fact]
    public void Presets_Tuesday24November_AreTheLastFourWeeksThisMonthAndLastMonth()
    {
        ReportRange.Presets(Today).Select(p => (p.Label, p.Range)).Should().Equal(
            ("Last 4 weeks", new DateInterval(new LocalDate(2026, 10, 28), Today)),
            ("This month", new DateInterval(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30))),
            ("Last month", new DateInterval(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 31))));
    }

    [Fact]
    public void Presets_January_LastMonthIsDecemberOfTheYearBefore() =>
        ReportRange.Presets(new LocalDate(2027, 1, 15))[2].Range.Should().Equal(new DateInterval(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 31)));

    [Fact]
    public void Check_EndBeforeStart_SaysSoWithBothDates()
    {
        var (range, problem) = ReportRange.Check(new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 1));

        range.Should().BeNull();
        problem.Should().Be("The last date (Sun 1 Nov 2026) is before the first (Fri 20 Nov 2026): swap them or pick another range.");
    }

    [Fact]
    public void Check_MissingDateOrTooLong_IsRefusedAndOneDayIsFine()
    {
        ReportRange.Check(null, Today).Problem.Should().StartWith("Enter the first date");
        ReportRange.Check(Today, null).Problem.Should().StartWith("Enter the last date");
        ReportRange.Check(Today.PlusDays(-366), Today).Problem.Should().Be("Reports cover at most 366 days at a time; this range has 367.");
        ReportRange.Check(Today, Today).Range.Should().Equal(Today);
    }
}
