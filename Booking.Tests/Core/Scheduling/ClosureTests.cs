using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public sealed class ClosureTests
{
    private static readonly LocalDate ChristmasEve = new(2026, 12, 24);

    [Fact]
    public void EachDay_ChristmasToNewYear_OneClosurePerDateWithTheSameReasonTimesAndSite()
    {
        var dates = new DateInterval(ChristmasEve, new LocalDate(2027, 1, 1));

        var closures = Closure.EachDay(10, dates, "Christmas", LocalTimeRange.Parse("13:00-18:30"), siteId: 2);

        closures.Select(c => c.Date).Should().Equal(dates);
        closures.Select(c => c.Id).Should().Equal(Enumerable.Range(10, 9));
        closures.Should().OnlyContain(c => c.Reason == "Christmas" && c.SiteId == 2 && c.Times == LocalTimeRange.Parse("13:00-18:30"));
    }

    [Fact]
    public void EachDay_OneDate_IsOneClosure() =>
        Closure.EachDay(1, new DateInterval(ChristmasEve, ChristmasEve), "Fire drill").Should().ContainSingle().Which.Date.Should().Be(ChristmasEve);

    [Fact]
    public void EachDay_LongerThanTheLimit_IsRefusedSayingHowLong()
    {
        var dates = new DateInterval(ChristmasEve, ChristmasEve.PlusDays(Closure.MaxDaysAtOnce));

        var act = () => Closure.EachDay(1, dates, "Refurbishment");

        act.Should().Throw<ArgumentException>().WithMessage($"A closure covers at most {Closure.MaxDaysAtOnce} days at once*");
    }

    [Fact]
    public void EachDay_BlankReason_IsRefused() =>
        FluentActions.Invoking(() => Closure.EachDay(1, new DateInterval(ChristmasEve, ChristmasEve.PlusDays(1)), " ")).Should().Throw<ArgumentException>();
}
