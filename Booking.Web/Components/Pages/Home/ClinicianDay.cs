using Booking.Core.Appointments;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Home;

/// <summary>One clinician's day at a glance, as the home page lists it.</summary>
/// <param name="PractitionerId">Whose day (links to their appointment book).</param>
/// <param name="Practitioner">Their name.</param>
/// <param name="From">Start of their first slot.</param>
/// <param name="To">End of their last slot.</param>
/// <param name="Free">Slots reception may book now.</param>
/// <param name="Booked">Slots holding an active appointment, whatever its status.</param>
/// <param name="Arrived">Patients marked arrived (waiting or being seen).</param>
/// <param name="DidNotAttend">Appointments marked did not attend.</param>
/// <param name="HeldForOthers">Slots reserved for another channel (111, online) and not yet handed back.</param>
public sealed record ClinicianDay(
    int PractitionerId, string Practitioner, LocalTime From, LocalTime To, int Free, int Booked, int Arrived, int DidNotAttend, int HeldForOthers)
{
    /// <summary>The appointment book's slots of one day summed per clinician, in order of their first slot, then name.</summary>
    public static IReadOnlyList<ClinicianDay> Summarise(IEnumerable<BookSlot> slots, Func<int, string?> practitionerName)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(practitionerName);
        return slots
            .GroupBy(s => s.Slot.PractitionerId)
            .Select(day =>
            {
                var statuses = day.Where(s => s.Appointment is not null).Select(s => s.Appointment!.Appointment.Status).ToList();
                return new ClinicianDay(
                    day.Key,
                    practitionerName(day.Key) ?? $"Clinician {day.Key}",
                    day.Min(s => s.Slot.LocalStart.TimeOfDay),
                    day.Max(s => s.Slot.LocalEnd.TimeOfDay),
                    Free: day.Count(s => s.State == SlotState.Free),
                    Booked: statuses.Count,
                    Arrived: statuses.Count(s => s == AppointmentStatus.Arrived),
                    DidNotAttend: statuses.Count(s => s == AppointmentStatus.DidNotAttend),
                    HeldForOthers: day.Count(s => s.State == SlotState.Reserved));
            })
            .OrderBy(d => d.From)
            .ThenBy(d => d.Practitioner, StringComparer.Ordinal)
            .ToList();
    }
}
