using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Shared;

/// <summary>
/// What is still planned from a retirement date for a site, clinician or service: sessions on the rota and booked
/// appointments. Retiring changes neither (domain rule 4: nothing is moved or cancelled silently), so the manager
/// sees them before confirming and resolves them on the rota and appointment pages.
/// </summary>
public sealed record RetirementImpact(IReadOnlyList<string> Sessions, IReadOnlyList<StoredAppointment> Appointments)
{
    /// <summary>How far ahead booked appointments are looked for: a year, well past any release horizon.</summary>
    public const int LookAheadDays = 4 * BookingQueries.MaxRangeDays;

    public bool IsEmpty => Sessions.Count == 0 && Appointments.Count == 0;

    /// <summary>
    /// Sessions from <paramref name="from"/> on whose practitioner, site and layout <paramref name="usesSession"/>
    /// accepts, and booked appointments whose slot <paramref name="usesSlot"/> accepts.
    /// </summary>
    public static async Task<RetirementImpact> FindAsync(
        BookingQueries queries,
        PracticeConfiguration config,
        LocalDate from,
        Func<int, int, SessionLayout, bool> usesSession,
        Func<Slot, bool> usesSlot,
        CancellationToken cancellationToken = default)
    {
        var sessions = config.Rota.Templates
            .Where(t => (t.EffectiveTo is null || t.EffectiveTo >= from) && usesSession(t.PractitionerId, t.SiteId, t.Layout))
            .OrderBy(t => t.DayOfWeek).ThenBy(t => t.Layout.Times.Start)
            .Select(t => $"{t.DayOfWeek}s {Times(t.Layout)}, {Who(config, t.PractitionerId, t.SiteId)}"
                + (t.EffectiveTo is { } end ? $", until {SetupLabels.Date(end)}" : ", with no end date"))
            .Concat(config.Rota.OneOffs
                .Where(o => o.Date >= from && usesSession(o.PractitionerId, o.SiteId, o.Layout))
                .OrderBy(o => o.Date)
                .Select(o => $"{SetupLabels.Date(o.Date)} {Times(o.Layout)}, {Who(config, o.PractitionerId, o.SiteId)} (one-off)"))
            .ToList();

        var appointments = new List<StoredAppointment>();
        for (var start = from; start < from.PlusDays(LookAheadDays); start = start.PlusDays(BookingQueries.MaxRangeDays))
        {
            var window = new DateInterval(start, start.PlusDays(BookingQueries.MaxRangeDays - 1));
            appointments.AddRange((await queries.GetAppointmentsAsync(window, cancellationToken))
                .Where(a => a.Appointment.Status == AppointmentStatus.Booked && usesSlot(a.Appointment.Slot)));
        }

        return new RetirementImpact(sessions, appointments);
    }

    private static string Times(SessionLayout layout) => $"{layout.Times.Start:HH:mm}–{layout.Times.End:HH:mm}";

    private static string Who(PracticeConfiguration config, int practitionerId, int siteId) =>
        $"{config.PractitionerName(practitionerId) ?? $"clinician {practitionerId}"} at {config.Site(siteId)?.Site.Name ?? $"site {siteId}"}";
}
