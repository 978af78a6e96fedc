using System.Globalization;
using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>How the rota editor words sessions, patterns, closures, leave and rota problems (British English, local times).</summary>
internal static class RotaText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Time(LocalTime time) => time.ToString("HH:mm", British);

    public static string Times(LocalTimeRange times) => $"{Time(times.Start)}–{Time(times.End)}";

    /// <summary>e.g. "Tue 24 Nov 2026".</summary>
    public static string Date(LocalDate date) => date.ToString("ddd d MMM yyyy", British);

    public static string DayName(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "Monday",
        IsoDayOfWeek.Tuesday => "Tuesday",
        IsoDayOfWeek.Wednesday => "Wednesday",
        IsoDayOfWeek.Thursday => "Thursday",
        IsoDayOfWeek.Friday => "Friday",
        IsoDayOfWeek.Saturday => "Saturday",
        _ => "Sunday",
    };

    /// <summary>The parts of a session, e.g. "GP appointment 08:30–10:30 (12 × 10 min); break 10:30–10:40; ...".</summary>
    public static IEnumerable<string> Parts(PracticeConfiguration config, SessionLayout layout) =>
        layout.Segments.Select(segment => segment switch
        {
            SlotRun run => $"{Service(config, run.ServiceId)} {Times(run.Times)} ({run.SlotCount} × {run.SlotLength.Minutes} min)",
            _ => $"Break {Times(segment.Times)}",
        });

    /// <summary>The services of a session in order, e.g. "GP appointment" or "GP appointment, GP telephone appointment".</summary>
    public static string ServiceMix(PracticeConfiguration config, SessionLayout layout) =>
        string.Join(", ", layout.Segments.OfType<SlotRun>().Select(r => r.ServiceId).Distinct().Select(id => Service(config, id)));

    /// <summary>Slot lengths of a session, e.g. "10 min" or "10/20 min".</summary>
    public static string SlotLengths(SessionLayout layout) =>
        string.Join("/", layout.Segments.OfType<SlotRun>().Select(r => r.SlotLength.Minutes).Distinct()) + " min";

    public static string Pattern(WeekPattern pattern) => pattern.CycleWeeks switch
    {
        1 => "Every week",
        2 when pattern.Weeks is [1] => $"Alternate weeks, from the week of {Date(pattern.AnchorMonday)}",
        _ => $"Week{(pattern.Weeks.Length == 1 ? "" : "s")} {string.Join(", ", pattern.Weeks)} of a {pattern.CycleWeeks}-week cycle from the week of {Date(pattern.AnchorMonday)}",
    };

    public static string Effective(SessionTemplate template) => template.EffectiveTo is { } last
        ? $"From {Date(template.EffectiveFrom)} to {Date(last)}"
        : $"From {Date(template.EffectiveFrom)}, no end date";

    public static string Status(SessionStatus status) => status switch
    {
        SessionStatus.Replaced => "Times changed this day",
        SessionStatus.Cancelled => "Cancelled this day",
        SessionStatus.BankHoliday => "Not on the bank holiday",
        SessionStatus.Closed => "Practice closed",
        SessionStatus.PartlyClosed => "Partly closed",
        SessionStatus.OnLeave => "Clinician on leave",
        SessionStatus.PartlyOnLeave => "Clinician partly on leave",
        _ => "Runs",
    };

    public static string Closure(PracticeConfiguration config, Closure closure) =>
        $"{closure.Reason}: {(closure.Times is { } times ? Times(times) : "all day")}{(closure.SiteId is { } site ? $", {Site(config, site)} only" : "")}";

    public static string Leave(PracticeConfiguration config, PractitionerLeave leave) =>
        $"{Practitioner(config, leave.PractitionerId)} on leave {Date(leave.Dates.Start)}" +
        (leave.Dates.End == leave.Dates.Start ? "" : $" to {Date(leave.Dates.End)}") +
        (leave.Times is { } times ? $", {Times(times)} each day" : "");

    public static string Role(PractitionerRole role) => role switch
    {
        PractitionerRole.Gp => "GP",
        PractitionerRole.GpRegistrar => "GP registrar",
        PractitionerRole.AdvancedNursePractitioner => "advanced nurse practitioner",
        PractitionerRole.HealthcareAssistant => "healthcare assistant",
        PractitionerRole.ParamedicPractitioner => "paramedic practitioner",
        PractitionerRole.PhysicianAssociate => "physician associate",
        PractitionerRole.MentalHealthPractitioner => "mental health practitioner",
        PractitionerRole.SocialPrescriber => "social prescriber",
        PractitionerRole.HealthAndWellbeingCoach => "health and wellbeing coach",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static string Practitioner(PracticeConfiguration config, int id) => config.PractitionerName(id) ?? $"Clinician {id}";

    public static string Site(PracticeConfiguration config, int id) => config.Site(id)?.Site.Name ?? $"Site {id}";

    public static string Service(PracticeConfiguration config, int id) => config.Service(id)?.Service.Name ?? $"Service {id}";

    /// <summary>A rota problem in the manager's words, with names and dates rather than ids.</summary>
    public static string Issue(PracticeConfiguration config, RotaIssue issue) => issue switch
    {
        OverlappingSessions overlap =>
            $"{Practitioner(config, overlap.PractitionerId)} would have overlapping sessions on {Date(overlap.Date)}: {Times(overlap.FirstTimes)} and {Times(overlap.SecondTimes)}.",
        DayEditWithoutSession edit => $"The session does not run on {Date(edit.Date)}, so the change would do nothing.",
        _ => issue.Description,
    };

    /// <summary>One affected appointment, e.g. "Tue 1 Dec 2026 at 09:00, Jane Example (NHS number 943 476 5919), Dr Patel".</summary>
    public static string Affected(PracticeConfiguration config, AffectedAppointment affected)
    {
        var appointment = affected.Appointment;
        return $"{Formats.When(appointment.Slot.LocalStart)} · {appointment.Patient.Name} (NHS number {appointment.Patient.NhsNumber}) · " +
               $"{Practitioner(config, appointment.Slot.PractitionerId)}, {Service(config, appointment.Slot.ServiceId)}";
    }
}
