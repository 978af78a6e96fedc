using System.Globalization;
using Booking.Core.Appointments;
using Booking.Core.Release;
using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>How the reception pages write dates, times, statuses and channels (British English, practice-local times).</summary>
internal static class Formats
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    public static string Time(LocalDateTime local) => local.ToString("HH:mm", British);

    public static string Day(LocalDate date) => date.ToString("dddd d MMMM yyyy", British);

    public static string ShortDay(LocalDate date) => date.ToString("ddd d MMM", British);

    /// <summary>A date of birth: "17 May 1980" (no weekday: nobody thinks of birthdays by it).</summary>
    public static string DateOfBirth(LocalDate date) => date.ToString("d MMM yyyy", British);

    public static string When(LocalDateTime local) => $"{ShortDay(local.Date)} {local.Date.Year} at {Time(local)}";

    /// <summary>The name staff see for a patient detail, e.g. "Date of birth".</summary>
    public static string PatientDetailLabel(PatientElement element) => element switch
    {
        PatientElement.Name => "Name",
        PatientElement.DateOfBirth => "Date of birth",
        _ => "Phone",
    };

    /// <summary>One detail of <paramref name="patient"/> as staff read it; "none" for a missing phone.</summary>
    public static string PatientDetail(PatientElement element, PatientDetails patient) => element switch
    {
        PatientElement.Name => patient.Name,
        PatientElement.DateOfBirth => DateOfBirth(patient.DateOfBirth),
        _ => patient.Phone ?? "none",
    };

    /// <summary>yyyy-MM-dd, as query strings and date inputs carry dates.</summary>
    public static string Iso(LocalDate date) => IsoDate.Format(date);

    public static LocalDate? ParseIso(string? text) =>
        text is not null && IsoDate.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.Arrived => "Arrived",
        AppointmentStatus.Fulfilled => "Seen",
        AppointmentStatus.DidNotAttend => "Did not attend",
        AppointmentStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static string Channel(Channel channel) => channel.Kind switch
    {
        ChannelKind.Reception => "reception",
        ChannelKind.Online => "online",
        _ when channel.OrganisationType is { } type => $"{type} ({channel.Organisation})",
        _ => $"organisation {channel.Organisation}",
    };

    public static string CancellationReason(CancellationReason reason) => reason switch
    {
        Core.Appointments.CancellationReason.PatientRequest => "Patient asked",
        Core.Appointments.CancellationReason.PracticeRequest => "Practice cancelled",
        Core.Appointments.CancellationReason.Moved => "Moved to another slot",
        Core.Appointments.CancellationReason.BookingOrganisationRequest => "Booking organisation withdrew it",
        _ => "Other",
    };
}
