using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>One line of a clinician's day list.</summary>
public sealed record DayListLine(
    string Time, string Patient, string NhsNumber, string DateOfBirth, string Phone, string Service, string Site, string Status);

/// <summary>
/// A clinician's day list, for the print page and the CSV download: the appointments that hold a slot that day
/// (cancelled ones are left out: the clinician will not see those patients), by start.
/// </summary>
internal static class DayList
{
    public const string CsvPath = "/appointments/daylist.csv";

    private static readonly string[] CsvHeader = ["Time", "Patient", "NHS number", "Date of birth", "Phone", "Service", "Site", "Status"];

    public static IReadOnlyList<DayListLine> Lines(PracticeConfiguration config, IEnumerable<StoredAppointment> appointments) =>
        appointments
            .Select(stored => stored.Appointment)
            .Where(appointment => appointment.IsActive)
            .OrderBy(appointment => appointment.Slot.Start)
            .Select(appointment => new DayListLine(
                $"{Formats.Time(appointment.Slot.LocalStart)}–{Formats.Time(appointment.Slot.LocalEnd)}",
                appointment.Patient.Name,
                appointment.Patient.NhsNumber.ToString(),
                Formats.Iso(appointment.Patient.DateOfBirth),
                appointment.Patient.Phone ?? "",
                SlotSummary.Service(config, appointment.Slot.ServiceId),
                SlotSummary.Site(config, appointment.Slot.SiteId),
                Formats.Status(appointment.Status)))
            .ToList();

    /// <summary>RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are neutralised.</summary>
    public static string ToCsv(IEnumerable<DayListLine> lines) =>
        CsvDownload.ToCsv(CsvHeader, lines.Select(line => (IEnumerable<string>)
            [line.Time, line.Patient, line.NhsNumber, line.DateOfBirth, line.Phone, line.Service, line.Site, line.Status]));

    /// <summary>
    /// <c>GET /appointments/daylist.csv?practitioner=1&amp;date=2026-11-24</c> for reception and managers; anyone else is
    /// challenged (sent to sign in) or refused by the same role check the pages use.
    /// </summary>
    public static IEndpointConventionBuilder MapDayListCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(CsvPath, async (int? practitioner, string? date, BookingQueries queries, CancellationToken cancellationToken) =>
            {
                if (practitioner is not { } practitionerId || Formats.ParseIso(date) is not { } day)
                {
                    return Results.BadRequest("Give practitioner (an id) and date (yyyy-MM-dd).");
                }

                var config = await queries.GetConfigurationAsync(cancellationToken);
                if (config?.Practitioner(practitionerId) is not { } found)
                {
                    return Results.NotFound($"There is no clinician {practitionerId}.");
                }

                var lines = Lines(config, await queries.GetDayListAsync(practitionerId, day, cancellationToken));
                var fileName = $"day-list-{Slug(found.Practitioner.Name)}-{Formats.Iso(day)}.csv";
                return CsvDownload.File(ToCsv(lines), fileName);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = ReceptionAccess.Roles });

    private static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
}
