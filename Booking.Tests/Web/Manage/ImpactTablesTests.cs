using Booking.Core.Reporting;
using Booking.Web.Components.Pages.Manage.Reports;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>How the impact report words what cut a side short, and the change dates and weeks its page and CSV accept.</summary>
public sealed class ImpactTablesTests
{
    private static readonly LocalDate Today = new(2026, 11, 24);
    private static readonly DateInterval Asked = new(new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 29));

    [Fact]
    public void Cut_EveryDayMeasured_IsNothing() =>
        ImpactTables.Cut(new ImpactWindow(Asked, Asked, false, false)).Should().BeNull();

    [Theory]
    [InlineData(true, false, 7, "the practice's history starts later")]
    [InlineData(true, false, 0, "it is before the practice's history")]
    [InlineData(false, true, 7, "the rest has not happened yet (only complete days up to yesterday count)")]
    [InlineData(false, true, 0, "it has not happened yet")]
    [InlineData(true, true, 7, "the practice's history starts later and the rest has not happened yet")]
    public void Cut_SideCutShort_SaysWhy(bool byHistoryStart, bool byToday, int days, string expected)
    {
        var covered = days == 0 ? null : new DateInterval(Asked.Start.PlusDays(7), Asked.Start.PlusDays(6 + days));

        ImpactTables.Cut(new ImpactWindow(Asked, covered, byHistoryStart, byToday)).Should().Be(expected);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("26", 26)]
    public void CheckWeeks_OneToTwentySix_IsAccepted(string text, int weeks) =>
        ImpactInput.CheckWeeks(text).Should().Be((weeks, null));

    [Theory]
    [InlineData("0")]
    [InlineData("27")]
    [InlineData("six")]
    [InlineData(null)]
    public void CheckWeeks_AnythingElse_SaysTheLimits(string? text) =>
        ImpactInput.CheckWeeks(text).Should().Be((null, "Choose 1 to 26 weeks each side."));

    [Fact]
    public void CheckDate_Missing_AsksForAChangeOrADate() =>
        ImpactInput.CheckDate(null, Today).Should().Be((null, "Choose a saved change or a date."));

    [Fact]
    public void CheckDate_MoreThanTenYearsAway_IsRefused() =>
        ImpactInput.CheckDate(Today.PlusYears(-11), Today).Problem.Should().Be("Choose a date within 10 years of today.");

    [Fact]
    public void CheckDate_InTheFuture_IsAcceptedSoTheBeforeSideCanBeRead() =>
        ImpactInput.CheckDate(Today.PlusDays(7), Today).Should().Be((Today.PlusDays(7), null));
}
