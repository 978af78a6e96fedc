using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Appointments;

/// <summary>How a rota, closure or leave change touches a booked appointment.</summary>
public enum RotaChangeEffect
{
    /// <summary>The rota no longer produces the slot (session removed or moved, closure, leave).</summary>
    SlotRemoved,

    /// <summary>The slot still exists under the same id but with a different practitioner, site, service or times.</summary>
    SlotChanged,
}

/// <summary>A booked appointment that a rota change affects and staff must resolve (rule 4).</summary>
/// <param name="Appointment">The appointment, unchanged.</param>
/// <param name="Effect">What happens to its slot.</param>
/// <param name="NewSlot">The slot as the changed rota produces it, for <see cref="RotaChangeEffect.SlotChanged"/>.</param>
/// <param name="Explanation">Why, for staff, e.g. the scheduler's "Dr Patel on leave".</param>
public sealed record AffectedAppointment(Appointment Appointment, RotaChangeEffect Effect, Slot? NewSlot, string Explanation);

/// <summary>
/// Lists the booked appointments a rota change affects, so that nothing moves or disappears silently: the
/// appointments themselves are never changed here.
/// </summary>
public static class RotaChangeImpact
{
    /// <summary>
    /// The booked (not yet arrived, fulfilled, missed or cancelled) appointments dated within <paramref name="range"/>
    /// whose slot the changed rota no longer produces identically, in start order.
    /// </summary>
    /// <param name="appointments">Appointments to check; others than Booked are ignored.</param>
    /// <param name="range">The dates regenerated (inclusive).</param>
    /// <param name="regenerated">Every slot the changed rota produces in <paramref name="range"/>.</param>
    /// <param name="suppressedBecause">For a would-be slot the scheduler suppressed, its explanation; null when it has none.</param>
    public static IReadOnlyList<AffectedAppointment> Affected(
        IEnumerable<Appointment> appointments,
        DateInterval range,
        IEnumerable<Slot> regenerated,
        Func<SlotId, string?>? suppressedBecause = null)
    {
        var byId = regenerated.ToDictionary(s => s.Id);
        var affected = new List<AffectedAppointment>();
        foreach (var appointment in appointments)
        {
            if (appointment.Status != AppointmentStatus.Booked || !range.Contains(appointment.Slot.Date))
            {
                continue;
            }

            if (!byId.TryGetValue(appointment.Slot.Id, out var now))
            {
                var why = suppressedBecause?.Invoke(appointment.Slot.Id) ?? "The rota no longer has this slot";
                affected.Add(new AffectedAppointment(appointment, RotaChangeEffect.SlotRemoved, null, why));
            }
            else if (now != appointment.Slot)
            {
                affected.Add(new AffectedAppointment(appointment, RotaChangeEffect.SlotChanged, now, Describe(appointment.Slot, now)));
            }
        }

        return affected.OrderBy(a => a.Appointment.Slot.Start).ToList();
    }

    private static string Describe(Slot before, Slot after)
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
