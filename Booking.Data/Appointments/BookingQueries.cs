using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>A slot looked up by id: the slot, whether and why the caller may not book it now, and who holds it.</summary>
/// <param name="Slot">The slot as the rota produces it now (or would, when the rota withholds it).</param>
/// <param name="Reasons">Why the caller may not book it now; empty when it is offered.</param>
/// <param name="Holder">The active appointment in the slot, if any.</param>
public sealed record SlotLookup(Slot Slot, IReadOnlyList<WithheldReason> Reasons, StoredAppointment? Holder)
{
    public bool IsOffered => Reasons.Count == 0;
}

/// <summary>The practice's record of a patient: its id (the FHIR Patient id), the details and the row's version.</summary>
public sealed record PatientRecord(int Id, PatientDetails Details, int Version);

/// <summary>
/// What the staff pages and the FHIR facade read: availability for a caller, a slot by id, appointments by patient,
/// by practitioner and day, or by date range, and the appointments a proposed rota change would affect. Slots are
/// computed from the stored rota on every call (see docs/decisions/0002-slots-computed-on-demand.md); only
/// appointments are stored.
/// </summary>
public sealed class BookingQueries(IDbContextFactory<BookingDbContext> dbFactory, PracticeConfigurationProvider configuration, IClock clock)
{
    /// <summary>Longest range one availability or appointment query covers, so one request cannot ask for years.</summary>
    public const int MaxRangeDays = 92;

    /// <summary>
    /// The dates the appointment book answers for. Outside them a slot id names no slot and a search is refused
    /// (the bank holiday rules, Easter's among them, are defined only for Gregorian years, and a request for year 1
    /// or 9999 is malformed input, not a booking).
    /// </summary>
    public static readonly DateInterval SupportedDates = new(new LocalDate(1900, 1, 1), new LocalDate(2999, 12, 31));

    /// <summary>The practice's configuration (cached; re-read only when it changed).</summary>
    public Task<PracticeConfiguration?> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        configuration.GetAsync(cancellationToken);

    /// <summary>
    /// Every slot the rota produces or withholds on <paramref name="dates"/>, judged for <paramref name="caller"/> now:
    /// <see cref="Availability.Offered"/> is what the caller may book, and every other slot carries its reasons.
    /// </summary>
    public async Task<Availability> GetAvailabilityAsync(Caller caller, DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        RequireRange(dates);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await RequireConfigurationAsync(db, cancellationToken);
        var now = clock.GetCurrentInstant();
        var generation = SlotGenerator.Generate(config.Rota, dates);
        var ledger = await AppointmentReads.LoadLedgerAsync(db, [dates], caller.Patient, now, cancellationToken);
        return config.Policy.Evaluate(caller, now, generation, ledger, config.PractitionerName);
    }

    /// <summary>The slot with <paramref name="slotId"/> judged for <paramref name="caller"/> now; null when the rota has no such slot.</summary>
    public async Task<SlotLookup?> FindSlotAsync(SlotId slotId, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!SlotId.TryParse(slotId.Value, out _, out var session, out _) || !SupportedDates.Contains(session.Date))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await RequireConfigurationAsync(db, cancellationToken);
        var day = new DateInterval(session.Date, session.Date);
        var generation = SlotGenerator.Generate(config.Rota, day);
        var ledger = await AppointmentReads.LoadLedgerAsync(db, [day], caller.Patient, clock.GetCurrentInstant(), cancellationToken);
        var verdict = config.Policy.Evaluate(caller, clock.GetCurrentInstant(), generation, ledger, config.PractitionerName)
            .Verdicts.FirstOrDefault(v => v.Slot.Id == slotId);
        if (verdict is null)
        {
            return null;
        }

        var holderId = await AppointmentReads.HoldersOf(db, [slotId.Value]).SingleOrDefaultAsync(cancellationToken);
        var holder = holderId == Guid.Empty
            ? null
            : await db.Appointments.AsNoTracking().WithDetails().SingleOrDefaultAsync(a => a.Id == holderId, cancellationToken);
        return new SlotLookup(verdict.Slot, verdict.Reasons, holder is null ? null : AppointmentMapping.ToStored(holder));
    }

    public async Task<StoredAppointment?> GetAppointmentAsync(AppointmentId id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Appointments.AsNoTracking().WithDetails().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken);
        return row is null ? null : AppointmentMapping.ToStored(row);
    }

    /// <summary>
    /// The active appointments holding any of <paramref name="slotIds"/> (at most one a slot, rule 1): what a screen
    /// re-reads when a change notice names the slots it touched, instead of the whole day's appointments.
    /// </summary>
    public async Task<IReadOnlyList<StoredAppointment>> GetSlotHoldersAsync(IReadOnlyCollection<SlotId> slotIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slotIds);
        if (slotIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var holders = AppointmentReads.HoldersOf(db, slotIds.Select(s => s.Value).ToList());
        return await ListAsync(db.Appointments.Where(a => holders.Contains(a.Id)), cancellationToken);
    }

    /// <summary>A patient's appointments, every status, by start; "does this patient already have an appointment?".</summary>
    public async Task<IReadOnlyList<StoredAppointment>> GetPatientAppointmentsAsync(NhsNumber patient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db.Appointments.Where(a => a.Patient.NhsNumber == patient.Value), cancellationToken);
    }

    /// <summary>
    /// The NHS number of the patient with row id <paramref name="patientId"/> when <paramref name="bookedById"/> (a staff
    /// user or API client id) has booked for them at least once; null otherwise, whether or not the patient exists.
    /// </summary>
    public async Task<NhsNumber?> FindPatientBookedByAsync(int patientId, string bookedById, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nhsNumber = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.CreatedById == bookedById)
            .Select(a => a.Patient.NhsNumber)
            .FirstOrDefaultAsync(cancellationToken);
        return nhsNumber is null ? null : NhsNumber.Parse(nhsNumber);
    }

    /// <summary>
    /// The practice's record of a patient, by its id or NHS number (either or both), when <paramref name="bookedById"/> has
    /// booked an appointment for them; null for anyone else, so a client cannot walk ids or NHS numbers through the
    /// practice's list.
    /// </summary>
    public async Task<PatientRecord?> FindPatientRecordBookedByAsync(
        string bookedById, int? patientId, NhsNumber? nhsNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nhsValue = nhsNumber?.Value;
        var row = await db.Patients.AsNoTracking()
            .Where(p => (patientId == null || p.Id == patientId) && (nhsValue == null || p.NhsNumber == nhsValue))
            .Where(p => db.Appointments.Any(a => a.PatientId == p.Id && a.CreatedById == bookedById))
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PatientRecord(row.Id, AppointmentMapping.ToPatientDetails(row), row.Version);
    }

    /// <summary>A practitioner's appointments on one date, every status, by start: the day list.</summary>
    public async Task<IReadOnlyList<StoredAppointment>> GetDayListAsync(int practitionerId, LocalDate date, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db.Appointments.Where(a => a.PractitionerId == practitionerId && a.SlotDate == date), cancellationToken);
    }

    /// <summary>Every appointment dated within <paramref name="dates"/>, every status, by start (reports, the what-if preview).</summary>
    public async Task<IReadOnlyList<StoredAppointment>> GetAppointmentsAsync(DateInterval dates, CancellationToken cancellationToken = default)
    {
        RequireRange(dates);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (first, last) = (dates.Start, dates.End);
        return await ListAsync(db.Appointments.Where(a => a.SlotDate >= first && a.SlotDate <= last), cancellationToken);
    }

    /// <summary>
    /// The booked appointments within <paramref name="dates"/> that <paramref name="proposed"/> would remove, withhold or
    /// change compared with the stored rota (rule 4). Nothing is changed: staff resolve each one.
    /// </summary>
    public async Task<IReadOnlyList<AffectedAppointment>> GetAffectedAppointmentsAsync(
        Rota proposed, DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(dates);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await RequireConfigurationAsync(db, cancellationToken);
        return await AffectedAppointmentsAsync(db, config, proposed, dates, cancellationToken);
    }

    /// <summary>How far ahead <see cref="GetAppointmentsToContactAsync"/> looks: as far as any query may.</summary>
    public const int ContactHorizonDays = MaxRangeDays;

    /// <summary>
    /// The booked appointments, from today for <see cref="ContactHorizonDays"/> days, that the rota as it is now no longer
    /// holds as booked (a closure, leave or rota change over them): the patients reception must contact, in start order.
    /// </summary>
    public async Task<IReadOnlyList<AffectedAppointment>> GetAppointmentsToContactAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await configuration.GetAsync(db, cancellationToken);
        if (config is null)
        {
            return [];
        }

        var today = clock.GetCurrentInstant().InZone(config.Zone).Date;
        var dates = new DateInterval(today, today.PlusDays(ContactHorizonDays - 1));
        var rows = await db.Appointments.AsNoTracking().WithDetails()
            .Where(a => a.Status == AppointmentStatus.Booked && a.SlotDate >= today && a.SlotDate <= dates.End)
            .ToListAsync(cancellationToken);
        var booked = rows.Select(AppointmentMapping.ToAppointment).ToList();
        return booked.Count == 0
            ? []
            : AffectedAppointments.NoLongerAsBooked(SlotGenerator.Generate(config.Rota, dates), booked, clock.GetCurrentInstant(), config.PractitionerName);
    }

    /// <summary>The assessment behind <see cref="GetAffectedAppointmentsAsync"/>, also used inside configuration writes.</summary>
    internal static async Task<IReadOnlyList<AffectedAppointment>> AffectedAppointmentsAsync(
        BookingDbContext db, PracticeConfiguration config, Rota proposed, DateInterval dates, CancellationToken cancellationToken)
    {
        var (first, last) = (dates.Start, dates.End);
        var rows = await db.Appointments.AsNoTracking().WithDetails()
            .Where(a => a.Status == AppointmentStatus.Booked && a.SlotDate >= first && a.SlotDate <= last)
            .ToListAsync(cancellationToken);
        var booked = rows.Select(AppointmentMapping.ToAppointment).ToList();
        var impact = RotaChangeImpact.Assess(config.Rota, proposed, dates, AffectedAppointments.BookedSlotIds(booked));
        return AffectedAppointments.From(impact, booked, config.PractitionerName);
    }

    private static async Task<IReadOnlyList<StoredAppointment>> ListAsync(IQueryable<AppointmentRow> query, CancellationToken cancellationToken) =>
        (await query.AsNoTracking().WithDetails().OrderBy(a => a.StartsAt).ToListAsync(cancellationToken))
            .Select(AppointmentMapping.ToStored)
            .ToList();

    private async Task<PracticeConfiguration> RequireConfigurationAsync(BookingDbContext db, CancellationToken cancellationToken) =>
        await configuration.GetAsync(db, cancellationToken)
        ?? throw new InvalidOperationException("No practice is configured in this database.");

    private static void RequireRange(DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Length > MaxRangeDays)
        {
            throw new ArgumentOutOfRangeException(nameof(dates), dates, $"Ask for at most {MaxRangeDays} days at a time.");
        }
    }
}
