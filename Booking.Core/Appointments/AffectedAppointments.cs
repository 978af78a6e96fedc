using NodaTime;
using Booking.Core.Release;
using Booking.Core.Scheduling;

namespace Booking.Core.Appointments;

/// <summary>A booked appointment that a rota, closure or leave change affects, for staff to resolve (rule 4).</summary>
/// <param name="Appointment">The appointment, unchanged: nothing is moved or cancelled for staff.</param>
/// <param name="Impact">What the change does to its slot.</param>
/// <param name="ProposedSlot">The slot as the changed rota produces it, when it still exists (changed or suppressed).</param>
/// <param name="Explanation">A sentence for staff, e.g. "Dr Patel on leave", "The slot's practitioner changed".</param>
public sealed record AffectedAppointment(Appointment Appointment, SlotImpact Impact, Slot? ProposedSlot, string Explanation);

/// <summary>
/// Turns the scheduler's rota-change impact (<see cref="RotaChangeImpact.Assess(Rota, Rota, NodaTime.DateInterval, IEnumerable{SlotId})"/>,
/// which works on slot ids) into the list of appointments staff must resolve.
/// </summary>
public static class AffectedAppointments
{
    /// <summary>The booked slot ids to pass to the scheduler's assessment: slots of appointments still Booked.</summary>
    public static IEnumerable<SlotId> BookedSlotIds(IEnumerable<Appointment> appointments) =>
        appointments.Where(a => a.Status == AppointmentStatus.Booked).SelectMany(a => a.Slots).Select(s => s.Id);

    /// <summary>
    /// The appointments, still Booked, whose slots the scheduler reports as removed, suppressed or changed, in slot start order.
    /// </summary>
    /// <param name="impact">The scheduler's affected slots.</param>
    /// <param name="appointments">Appointments that may hold those slots; cancelled and past-status ones are ignored.</param>
    /// <param name="practitionerName">Display names for leave explanations; optional.</param>
    public static IReadOnlyList<AffectedAppointment> From(
        IEnumerable<AffectedSlot> impact,
        IEnumerable<Appointment> appointments,
        Func<int, string?>? practitionerName = null)
    {
        // An appointment over several slots is listed once, for the first of its slots the change affects.
        var bySlot = appointments
            .Where(a => a.Status == AppointmentStatus.Booked)
            .SelectMany(a => a.Slots.Select(held => (Held: held, Appointment: a)))
            .ToDictionary(pair => pair.Held.Id);
        var listed = new HashSet<AppointmentId>();
        var affected = new List<AffectedAppointment>();
        foreach (var slot in impact)
        {
            if (!bySlot.TryGetValue(slot.Current.Id, out var holding) || !listed.Add(holding.Appointment.Id))
            {
                continue;
            }

            var (heldSlot, appointment) = holding;
            var explanation = slot.Impact switch
            {
                SlotImpact.Suppressed when slot.Proposed is { } proposed && slot.Reason is { } reason =>
                    NotScheduled.For(new SuppressedSlot(proposed, reason), practitionerName).Message,
                SlotImpact.Changed when slot.Proposed is { } proposed => DescribeChange(heldSlot, proposed),
                _ => "The rota no longer has this slot",
            };
            affected.Add(new AffectedAppointment(appointment, slot.Impact, slot.Proposed, explanation));
        }

        return affected.OrderBy(a => a.Appointment.Slot.Start).ToList();
    }

    /// <summary>
    /// The appointments still Booked that have not ended whose slots <paramref name="current"/> (the rota as it is now)
    /// no longer produces as they were booked: a closure or leave withholds them, or a rota change removed or altered
    /// them. Reception must contact each patient until the appointment is moved or cancelled (rule 4); being derived from
    /// the rota and the appointments, the list empties itself as each one is resolved, and a change that is undone
    /// takes its appointments off it again.
    /// </summary>
    /// <param name="current">The current rota's generation over at least the appointments' dates.</param>
    /// <param name="appointments">Appointments to check; those not Booked, or ended by <paramref name="now"/>, are ignored.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="practitionerName">Display names for leave explanations; optional.</param>
    public static IReadOnlyList<AffectedAppointment> NoLongerAsBooked(
        SlotGeneration current,
        IEnumerable<Appointment> appointments,
        Instant now,
        Func<int, string?>? practitionerName = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(appointments);
        var open = appointments.Where(a => a.Status == AppointmentStatus.Booked && a.End > now && current.Dates.Contains(a.Slot.Date)).ToList();
        var impact = new List<AffectedSlot>();
        foreach (var held in open.SelectMany(a => a.Slots))
        {
            if (current.TryGetSlot(held.Id, out var produced))
            {
                if (produced != held)
                {
                    impact.Add(new AffectedSlot(held, SlotImpact.Changed, produced, null));
                }
            }
            else if (current.TryGetSuppressed(held.Id, out var withheld))
            {
                impact.Add(new AffectedSlot(held, SlotImpact.Suppressed, withheld.Slot, withheld.Reason));
            }
            else
            {
                impact.Add(new AffectedSlot(held, SlotImpact.Removed, null, null));
            }
        }

        return From(impact, open, practitionerName);
    }

    private static string DescribeChange(Slot before, Slot after)
    {
        var changes = new List<string>();
        if (before.Interval != after.Interval || before.LocalStart != after.LocalStart || before.LocalEnd != after.LocalEnd)
        {
            changes.Add("times");
        }

        if (before.PractitionerId != after.PractitionerId)
        {
            changes.Add("practitioner");
        }

        if (before.SiteId != after.SiteId)
        {
            changes.Add("site");
        }

        if (before.ServiceId != after.ServiceId)
        {
            changes.Add("service");
        }

        return changes.Count == 0 ? "The slot changed" : "The slot's " + string.Join(", ", changes) + " changed";
    }
}
