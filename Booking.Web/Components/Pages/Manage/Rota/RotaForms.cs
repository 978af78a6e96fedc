using Booking.Core.Scheduling;
using Booking.Data.Configuration;
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

    /// <summary>A manager's edits on the day <paramref name="config"/> was loaded for: from today on, never history.</summary>
    public static RotaEditContext ByStaff(PracticeConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new RotaEditContext(config.LoadedFor);
    }

    /// <summary>
    /// Puts Core's <paramref name="refusal"/> of a form's dates beside the field it is about: <paramref name="lastDate"/>
    /// for the last date, otherwise <paramref name="firstDate"/> (form keys). A field that already has a message keeps it.
    /// </summary>
    public static void Show(RotaEditRefusal? refusal, Dictionary<string, string> problems, string firstDate, string lastDate)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (refusal is not null)
        {
            // RotaEdit.Check speaks only of dates; overlaps and the like come from Apply, which the editor shows.
            problems.TryAdd(refusal.Field == RotaEditField.LastDate ? lastDate : firstDate, refusal.Message);
        }
    }

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
