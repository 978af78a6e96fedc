using Booking.Core.Appointments;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>One patient reception must contact: an appointment the rota no longer holds as booked.</summary>
public sealed record ContactLine(
    string When, string Clinician, string Site, string Service, string Patient, string NhsNumber, string Phone, string Why, string BookLink);

/// <summary>
/// The patients to contact (a closure, leave or rota change over their booked appointment), for the home page, the print
/// page and the CSV download: one list, so what is printed is what is on screen. It empties itself as reception moves
/// or cancels each appointment (<see cref="BookingQueries.GetAppointmentsToContactAsync"/>).
/// </summary>
internal static class ContactList
{
    public const string PagePath = "/appointments/to-contact";

    public const string CsvPath = "/appointments/to-contact.csv";

    private static readonly string[] CsvHeader = ["When", "Clinician", "Site", "Service", "Patient", "NHS number", "Phone", "Why"];

    public static IReadOnlyList<ContactLine> Lines(PracticeConfiguration config, IEnumerable<AffectedAppointment> affected) =>
        affected
            .Select(item => (item.Explanation, item.Appointment))
            .Select(item => new ContactLine(
                Formats.When(item.Appointment.Slot.LocalStart),
                SlotSummary.Practitioner(config, item.Appointment.Slot.PractitionerId),
                SlotSummary.Site(config, item.Appointment.Slot.SiteId),
                SlotSummary.Service(config, item.Appointment.Slot.ServiceId),
                item.Appointment.Patient.Name,
                item.Appointment.Patient.NhsNumber.ToString(),
                item.Appointment.Patient.Phone ?? "",
                item.Explanation,
                $"appointments?date={Formats.Iso(item.Appointment.Slot.Date)}&practitioner={item.Appointment.Slot.PractitionerId}&appointment={item.Appointment.Id}"))
            .ToList();

    /// <summary>RFC 4180 CSV with a header row; cells a spreadsheet would run as a formula are neutralised.</summary>
    public static string ToCsv(IEnumerable<ContactLine> lines) =>
        CsvDownload.ToCsv(CsvHeader, lines.Select(line => (IEnumerable<string>)
            [line.When, line.Clinician, line.Site, line.Service, line.Patient, line.NhsNumber, line.Phone, line.Why]));

    /// <summary><c>GET /appointments/to-contact.csv</c> for reception and managers, by the same role check as the pages.</summary>
    public static IEndpointConventionBuilder MapContactListCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(CsvPath, async (BookingQueries queries, CancellationToken cancellationToken) =>
            {
                var config = await queries.GetConfigurationAsync(cancellationToken);
                var lines = config is null ? [] : Lines(config, await queries.GetAppointmentsToContactAsync(cancellationToken));
                return CsvDownload.File(ToCsv(lines), "patients-to-contact.csv");
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = ReceptionAccess.Roles });
}
