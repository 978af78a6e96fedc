using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// A practitioner away for a range of dates (both ends inclusive), all day or, when <see cref="Times"/> is
/// set, for those local times on each of the dates (e.g. "afternoons, 1 to 5 June"). No reason is stored:
/// why a clinician is away is their business; the explanation says only that they are on leave.
/// </summary>
public sealed class PractitionerLeave
{
    /// <summary>Longest leave accepted, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>Why more than <see cref="MaxDays"/> days are refused, as a form shows it beside the last day.</summary>
    public static readonly string TooManyDaysMessage = $"Leave spans at most {MaxDays} days; enter longer absences in parts.";

    /// <summary>Creates leave; null <paramref name="times"/> means whole days.</summary>
    public PractitionerLeave(int id, int practitionerId, DateInterval dates, LocalTimeRange? times = null)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Length > MaxDays)
        {
            throw new ArgumentException(TooManyDaysMessage, nameof(dates));
        }

        Id = Require.PositiveId(id, nameof(id));
        PractitionerId = Require.PositiveId(practitionerId, nameof(practitionerId));
        Dates = dates;
        Times = times;
    }

    /// <summary>Storage id.</summary>
    public int Id { get; }

    /// <summary>Who is away.</summary>
    public int PractitionerId { get; }

    /// <summary>The dates away, first and last inclusive.</summary>
    public DateInterval Dates { get; }

    /// <summary>The local times away on each date, or null for whole days.</summary>
    public LocalTimeRange? Times { get; }
}
