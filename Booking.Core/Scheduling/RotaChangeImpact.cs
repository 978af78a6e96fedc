using System.Collections.Immutable;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>How a rota change affects a booked slot.</summary>
public enum SlotImpact
{
    /// <summary>The proposed rota no longer produces the slot (session removed, moved or re-timed).</summary>
    Removed = 1,

    /// <summary>The proposed rota produces the slot but withholds it (a new closure, leave, cancellation).</summary>
    Suppressed = 2,

    /// <summary>The slot keeps its id but not its content (practitioner, site, service or times differ).</summary>
    Changed = 3,
}

/// <summary>A booked slot that a proposed rota would remove, suppress or change.</summary>
/// <param name="Current">The slot as the current rota produces it (what the appointment was booked into).</param>
/// <param name="Impact">What the proposal does to it.</param>
/// <param name="Proposed">The slot as the proposal produces it, for <see cref="SlotImpact.Changed"/> and <see cref="SlotImpact.Suppressed"/>.</param>
/// <param name="Reason">Why it is withheld, for <see cref="SlotImpact.Suppressed"/>.</param>
public sealed record AffectedSlot(Slot Current, SlotImpact Impact, Slot? Proposed, SuppressionReason? Reason);

/// <summary>
/// Rule 4 of the domain: a rota, closure or leave change never moves or deletes a booking silently. This
/// lists the booked slots a proposed rota would take away or alter so staff can resolve each appointment;
/// it changes nothing itself.
/// </summary>
public static class RotaChangeImpact
{
    /// <summary>
    /// The booked slots within <paramref name="dates"/> that <paramref name="proposed"/> would not produce
    /// identically to <paramref name="current"/>, in the current rota's slot order. Booked ids the current rota
    /// does not offer in those dates (already withheld, or outside the range) are not the change's doing and are left out.
    /// </summary>
    public static ImmutableArray<AffectedSlot> Assess(Rota current, Rota proposed, DateInterval dates, IEnumerable<SlotId> bookedSlotIds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        return Assess(SlotGenerator.Generate(current, dates), SlotGenerator.Generate(proposed, dates), bookedSlotIds);
    }

    /// <summary>The same comparison over generations the caller already holds (e.g. the what-if preview's).</summary>
    public static ImmutableArray<AffectedSlot> Assess(SlotGeneration current, SlotGeneration proposed, IEnumerable<SlotId> bookedSlotIds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(bookedSlotIds);

        var booked = bookedSlotIds as IReadOnlySet<SlotId> ?? bookedSlotIds.ToHashSet();
        var affected = ImmutableArray.CreateBuilder<AffectedSlot>();
        foreach (var slot in current.Slots)
        {
            if (!booked.Contains(slot.Id))
            {
                continue;
            }

            if (proposed.TryGetSlot(slot.Id, out var after))
            {
                if (after != slot)
                {
                    affected.Add(new AffectedSlot(slot, SlotImpact.Changed, after, null));
                }
            }
            else if (proposed.TryGetSuppressed(slot.Id, out var withheld))
            {
                affected.Add(new AffectedSlot(slot, SlotImpact.Suppressed, withheld.Slot, withheld.Reason));
            }
            else
            {
                affected.Add(new AffectedSlot(slot, SlotImpact.Removed, null, null));
            }
        }

        return affected.ToImmutable();
    }
}
