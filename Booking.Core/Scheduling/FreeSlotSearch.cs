using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// A part of the day a patient asks for ("tomorrow morning", "after 4"), judged by a slot's local start time:
/// [<see cref="From"/>, <see cref="Until"/>), where a null <see cref="Until"/> runs to midnight.
/// </summary>
public sealed record TimeOfDay
{
    private TimeOfDay(string name, LocalTime from, LocalTime? until)
    {
        Name = name;
        From = from;
        Until = until;
    }

    /// <summary>Starts before noon.</summary>
    public static TimeOfDay Morning { get; } = new("morning", LocalTime.Midnight, LocalTime.Noon);

    /// <summary>Starts from noon, before 17:00.</summary>
    public static TimeOfDay Afternoon { get; } = new("afternoon", LocalTime.Noon, new LocalTime(17, 0));

    /// <summary>Starts from 17:00 (extended hours).</summary>
    public static TimeOfDay Evening { get; } = new("evening", new LocalTime(17, 0), null);

    /// <summary>What staff call it: "morning", or "09:00 to 11:00".</summary>
    public string Name { get; }

    /// <summary>Earliest local start included.</summary>
    public LocalTime From { get; }

    /// <summary>First local start no longer included (exclusive); null for the rest of the day.</summary>
    public LocalTime? Until { get; }

    /// <summary>Slots starting within <paramref name="range"/> (its end exclusive), e.g. 09:00 to 11:00.</summary>
    public static TimeOfDay Between(LocalTimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return new TimeOfDay($"{range.Start:HH':'mm} to {range.End:HH':'mm}", range.Start, range.End);
    }

    /// <summary>Whether a slot starting at <paramref name="localStart"/> falls in this part of the day.</summary>
    public bool Includes(LocalTime localStart) => localStart >= From && (Until is not { } until || localStart < until);
}

/// <summary>
/// What reception asks when looking for the next free slot: a service, from a date, optionally a part of the day,
/// a clinician and a site. Free or not is the release rules' business; this says only which slots are asked about.
/// </summary>
/// <param name="ServiceId">The service the slot must be for.</param>
/// <param name="From">The first local date searched.</param>
/// <param name="TimeOfDay">The part of the day its local start must fall in; null for any time.</param>
/// <param name="PractitionerId">The clinician; null for any.</param>
/// <param name="SiteId">The site; null for any.</param>
public sealed record FreeSlotSearch(int ServiceId, LocalDate From, TimeOfDay? TimeOfDay = null, int? PractitionerId = null, int? SiteId = null)
{
    /// <summary>Whether <paramref name="slot"/> is one this search asks about.</summary>
    public bool Matches(Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.ServiceId == ServiceId
            && slot.Date >= From
            && (TimeOfDay is not { } part || part.Includes(slot.LocalStart.TimeOfDay))
            && (PractitionerId is not { } practitioner || slot.PractitionerId == practitioner)
            && (SiteId is not { } site || slot.SiteId == site);
    }
}
