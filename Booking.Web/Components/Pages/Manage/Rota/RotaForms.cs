using Booking.Core.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>Checks and helpers the rota forms share.</summary>
internal static class RotaForms
{
    private static readonly LocalTimePattern HoursMinutes = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern WithSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    /// <summary>A whole-minute time typed as "08:30" (or "08:30:00", as some browsers send it); null for anything else.</summary>
    public static LocalTime? ParseTime(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var parsed = HoursMinutes.Parse(trimmed);
        if (!parsed.Success)
        {
            parsed = WithSeconds.Parse(trimmed);
        }

        return parsed.Success && parsed.Value.Second == 0 ? parsed.Value : null;
    }

    /// <summary>The proposal's id for something not stored yet; the store assigns the real one on saving.</summary>
    /// <summary>What a rota form says next to a date that has passed (the store refuses it too).</summary>
    public const string PastDateProblem = "Choose today or a later date: past days keep the rota they had, so their reports do not change.";

    public static int NextId(IEnumerable<int> ids) => ids.DefaultIfEmpty(0).Max() + 1;

    /// <summary>Null for all day; otherwise the range typed, or null with messages under the keys Start and End.</summary>
    public static LocalTimeRange? CheckTimes(bool allDay, string startText, string endText, Dictionary<string, string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (allDay)
        {
            return null;
        }

        var start = ParseTime(startText);
        var end = ParseTime(endText);
        if (start is null)
        {
            problems["Start"] = "Enter the start time, e.g. 13:00.";
        }

        if (end is null)
        {
            problems["End"] = "Enter the end time, e.g. 18:30.";
        }
        else if (start is { } from && end <= from)
        {
            problems["End"] = "The end time must be after the start time.";
        }

        return start is { } first && end is { } last && last > first ? new LocalTimeRange(first, last) : null;
    }
}
