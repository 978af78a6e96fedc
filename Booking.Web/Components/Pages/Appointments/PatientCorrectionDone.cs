using Booking.Data.Appointments;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>How a correction of a patient's details ended, for the form that started it.</summary>
/// <param name="Record">The record to show from now on; null when the patient is no longer known.</param>
/// <param name="Message">What to tell staff; null when they cancelled.</param>
public sealed record PatientCorrectionDone(PatientRecord? Record, string? Message);
