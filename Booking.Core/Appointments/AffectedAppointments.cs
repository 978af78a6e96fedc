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
