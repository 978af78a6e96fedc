using Booking.Data.Reporting;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Reports;

/// <summary>A quick choice of dates on the reports page.</summary>
/// <param name="Label">What the button says.</param>
/// <param name="Range">The dates it picks.</param>
internal sealed record ReportPreset(string Label, DateInterval Range);

/// <summary>The date ranges the reports accept, the presets offered, and what is wrong with a range typed in.</summary>
internal static class ReportRange
{
    /// <summary>The default: the four weeks up to and including today.</summary>
    public static DateInterval LastFourWeeks(LocalDate today) => new(today.PlusDays(-27), today);

    public static IReadOnlyList<ReportPreset> Presets(LocalDate today)
    {
        var firstOfMonth = today.With(DateAdjusters.StartOfMonth);
        var firstOfLastMonth = firstOfMonth.PlusMonths(-1);
        return
        [
            new("Last 4 weeks", LastFourWeeks(today)),
            new("This month", new DateInterval(firstOfMonth, today.With(DateAdjusters.EndOfMonth))),
            new("Last month", new DateInterval(firstOfLastMonth, firstOfMonth.PlusDays(-1))),
        ];
    }

    /// <summary>The range from <paramref name="from"/> to <paramref name="to"/> (both inclusive), or why it cannot be reported.</summary>
    public static (DateInterval? Range, string? Problem) Check(LocalDate? from, LocalDate? to)
    {
        if (from is not { } start)
        {
            return (null, "Enter the first date to report, for example 2026-11-01.");
        }

        if (to is not { } end)
        {
            return (null, "Enter the last date to report, for example 2026-11-30.");
        }

        if (end < start)
        {
            return (null, $"The last date ({Formats.ShortDay(end)} {end.Year}) is before the first ({Formats.ShortDay(start)} {start.Year}): swap them or pick another range.");
        }

        var days = Period.DaysBetween(start, end) + 1;
        return days > ReportQueries.MaxRangeDays
            ? (null, $"Reports cover at most {ReportQueries.MaxRangeDays} days at a time; this range has {days}.")
            : (new DateInterval(start, end), null);
    }
}
