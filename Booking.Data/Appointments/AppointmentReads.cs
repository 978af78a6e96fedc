using System.Linq.Expressions;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>Reads shared by the booking service and the queries.</summary>
internal static class AppointmentReads
{
    private static readonly Expression<Func<AppointmentRow, EntryRow>> ToEntryRow = a => new EntryRow(
        a.Id, a.SlotId, a.SessionKind, a.SessionId, a.SlotDate, a.ServiceId, a.StartsAt, a.ChannelKind,
        a.BookingOrganisation, a.BookingOrganisationType, a.Patient.NhsNumber);

    /// <summary>Appointments with what <see cref="AppointmentMapping.ToAppointment"/> needs.</summary>
    public static IQueryable<AppointmentRow> WithDetails(this IQueryable<AppointmentRow> appointments) =>
        appointments.Include(a => a.Patient).Include(a => a.History);

    /// <summary>
    /// The ledger the release rules judge against: every active appointment dated within <paramref name="dates"/>
    /// (quota buckets are days and sessions) plus <paramref name="patient"/>'s active appointments after
    /// <paramref name="now"/> (the per-patient cap counts future bookings on any date).
    /// </summary>
    public static async Task<QuotaLedger> LoadLedgerAsync(
        BookingDbContext db, IEnumerable<DateInterval> dates, NhsNumber? patient, Instant now, CancellationToken cancellationToken)
    {
        var ledger = new QuotaLedger();
        var seen = new HashSet<Guid>();
        foreach (var range in dates)
        {
            var (first, last) = (range.Start, range.End);
            Add(await Active(db).Where(a => a.SlotDate >= first && a.SlotDate <= last).Select(ToEntryRow).ToListAsync(cancellationToken));
        }

        if (patient is not null)
        {
            var nhsNumber = patient.Value;
            Add(await Active(db).Where(a => a.Patient.NhsNumber == nhsNumber && a.StartsAt > now).Select(ToEntryRow).ToListAsync(cancellationToken));
        }

        return ledger;

        void Add(List<EntryRow> rows)
        {
            foreach (var row in rows.Where(row => seen.Add(row.Id)))
            {
                ledger.Record(new LedgerEntry(
                    RowMapping.ParseSlotId(row.SlotId),
                    new SessionKey(new SessionSource(row.SessionKind, row.SessionId), row.SlotDate),
                    row.ServiceId,
                    row.StartsAt,
                    AppointmentMapping.ToChannel(row.ChannelKind, row.BookingOrganisation, row.BookingOrganisationType),
                    NhsNumber.Parse(row.NhsNumber)));
            }
        }
    }

    private static IQueryable<AppointmentRow> Active(BookingDbContext db) =>
        db.Appointments.AsNoTracking().Where(a => a.Status != AppointmentStatus.Cancelled);

    private sealed record EntryRow(
        Guid Id,
        string SlotId,
        SessionSourceKind SessionKind,
        int SessionId,
        LocalDate SlotDate,
        int ServiceId,
        Instant StartsAt,
        ChannelKind ChannelKind,
        string? BookingOrganisation,
        string? BookingOrganisationType,
        string NhsNumber);
}
