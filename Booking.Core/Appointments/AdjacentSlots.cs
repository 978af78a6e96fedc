using Booking.Core.Release;
using Booking.Core.Scheduling;

namespace Booking.Core.Appointments;

/// <summary>
/// The slots one appointment may hold (GP Connect lets a consumer book several): at least one, at most
/// <see cref="MaxSlots"/>, no slot twice, all of one schedule (practitioner, site and service) on one day, and
/// contiguous, each starting when the one before it ends. Given in any order; booked in start order.
/// </summary>
public static class AdjacentSlots
{
    /// <summary>Most slots one appointment holds (an hour of ten-minute slots).</summary>
    public const int MaxSlots = 6;

    /// <summary>Why <paramref name="slots"/> cannot make one appointment, or null when they can.</summary>
    public static SlotsNotAdjacent? Problem(IReadOnlyCollection<Slot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count == 0)
        {
            return new SlotsNotAdjacent("An appointment needs at least one slot.");
        }

        if (slots.Count > MaxSlots)
        {
            return new SlotsNotAdjacent($"An appointment holds at most {MaxSlots} slots.");
        }

        if (slots.Select(s => s.Id).Distinct().Count() != slots.Count)
        {
            return new SlotsNotAdjacent("The same slot is named twice.");
        }

        var ordered = InStartOrder(slots);
        var first = ordered[0];
        for (var i = 1; i < ordered.Count; i++)
        {
            var slot = ordered[i];
            if (slot.PractitionerId != first.PractitionerId || slot.SiteId != first.SiteId || slot.ServiceId != first.ServiceId || slot.Date != first.Date)
            {
                return new SlotsNotAdjacent($"Slots {first.Id} and {slot.Id} are not of one schedule on one day.");
            }

            if (slot.Start != ordered[i - 1].End)
            {
                return new SlotsNotAdjacent($"Slot {slot.Id} does not start when {ordered[i - 1].Id} ends: the slots must be adjacent.");
            }
        }

        return null;
    }

    /// <summary>The slots by start (then id, so equal starts, which <see cref="Problem"/> refuses, still sort one way).</summary>
    public static IReadOnlyList<Slot> InStartOrder(IEnumerable<Slot> slots) =>
        slots.OrderBy(s => s.Start).ThenBy(s => s.Id.Value, StringComparer.Ordinal).ToList();
}

/// <summary>The slots asked for cannot make one appointment (<see cref="AdjacentSlots"/>).</summary>
/// <param name="Why">Which rule they break, naming the slots.</param>
public sealed record SlotsNotAdjacent(string Why) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => Why;
}
