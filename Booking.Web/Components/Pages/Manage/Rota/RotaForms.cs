using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>Checks and helpers the rota forms share.</summary>
internal static class RotaForms
{
    /// <summary>The proposal's id for something not stored yet; the store assigns the real one on saving.</summary>
    public static int NextId(IEnumerable<int> ids) => ids.DefaultIfEmpty(0).Max() + 1;

    /// <summary>Null for all day; otherwise the range typed, or null with messages under the keys Start and End.</summary>
    public static LocalTimeRange? CheckTimes(bool allDay, TimeOnly? start, TimeOnly? end, Dictionary<string, string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (allDay)
        {
            return null;
        }

        if (start is null)
        {
            problems["Start"] = "Enter the start time.";
        }

        if (end is null)
        {
            problems["End"] = "Enter the end time.";
        }
        else if (start is { } from && end <= from)
        {
            problems["End"] = "The end time must be after the start time.";
        }

        return start is { } first && end is { } last && last > first
            ? new LocalTimeRange(LocalTime.FromTimeOnly(first), LocalTime.FromTimeOnly(last))
            : null;
    }
}
