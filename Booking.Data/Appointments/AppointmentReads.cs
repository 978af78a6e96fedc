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
    private static readonly Expression<Func<AppointmentSlotRow, EntryRow>> ToEntryRow = s => new EntryRow(
        s.AppointmentId, s.SlotId, s.SessionKind, s.SessionId, s.SlotDate, s.Appointment.ServiceId, s.StartsAt, s.Appointment.ChannelKind,
        s.Appointment.BookingOrganisation, s.Appointment.BookingOrganisationType, s.Appointment.Patient.NhsNumber);

    /// <summary>Appointments with what <see cref="AppointmentMapping.ToAppointment"/> needs.</summary>
    public static IQueryable<AppointmentRow> WithDetails(this IQueryable<AppointmentRow> appointments) =>
        appointments.Include(a => a.Patient).Include(a => a.History).Include(a => a.Slots).AsSplitQuery();

    /// <summary>The active appointment holding any of <paramref name="slotIds"/>, other than <paramref name="except"/> (a retry of itself).</summary>
    public static IQueryable<Guid> HoldersOf(BookingDbContext db, IReadOnlyCollection<string> slotIds, Guid? except = null) =>
        db.AppointmentSlots.AsNoTracking()
            .Where(s => slotIds.Contains(s.SlotId) && s.Status != AppointmentStatus.Cancelled && s.AppointmentId != except)
            .Select(s => s.AppointmentId);

    /// <summary>
    /// The ledger the release rules judge against: every slot an active appointment holds dated within <paramref name="dates"/>
    /// (quota buckets are days and sessions) plus <paramref name="patient"/>'s active appointments after
    /// <paramref name="now"/> (the per-patient cap counts future bookings on any date).
    /// </summary>
    public static async Task<QuotaLedger> LoadLedgerAsync(
        BookingDbContext db, IEnumerable<DateInterval> dates, NhsNumber? patient, Instant now, CancellationToken cancellationToken)
    {
        var ledger = new QuotaLedger();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in dates)
        {
            var (first, last) = (range.Start, range.End);
            Add(await Active(db).Where(a => a.SlotDate >= first && a.SlotDate <= last).Select(ToEntryRow).ToListAsync(cancellationToken));
        }

        if (patient is not null)
        {
            var nhsNumber = patient.Value;
            Add(await Active(db).Where(s => s.Appointment.Patient.NhsNumber == nhsNumber && s.StartsAt > now).Select(ToEntryRow).ToListAsync(cancellationToken));
        }

        return ledger;

        void Add(List<EntryRow> rows)
        {
            foreach (var row in rows.Where(row => seen.Add(row.SlotId)))
            {
                ledger.Record(new LedgerEntry(
                    RowMapping.ParseSlotId(row.SlotId),
                    new SessionKey(new SessionSource(row.SessionKind, row.SessionId), row.SlotDate),
                    row.ServiceId,
                    row.StartsAt,
                    AppointmentMapping.ToChannel(row.ChannelKind, row.BookingOrganisation, row.BookingOrganisationType),
                    NhsNumber.Parse(row.NhsNumber),
                    new AppointmentId(row.Id)));
            }
        }
    }

    private static IQueryable<AppointmentSlotRow> Active(BookingDbContext db) =>
        db.AppointmentSlots.AsNoTracking().Where(s => s.Status != AppointmentStatus.Cancelled);

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
