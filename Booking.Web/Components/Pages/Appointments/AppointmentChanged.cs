using Booking.Data.Appointments;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>A saved change to an appointment: the sentence for staff, and the appointment as it now stands (after a move, the new one).</summary>
public sealed record AppointmentChanged(string Message, StoredAppointment? Appointment);
