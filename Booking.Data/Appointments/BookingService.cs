using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Reporting;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Appointments;

/// <summary>
/// Every booking action, each as one <see cref="WriteTransaction"/> that holds the write lock from the start: read the
/// configuration and the ledger of the affected day(s) and the patient's future bookings, let Core's
/// <see cref="AppointmentBook"/> decide, save the appointment, its status history and an audit entry, commit.
/// Refusals come back as outcomes, never as exceptions. If two writers ever did reach the insert for one slot (a
/// row the ledger could not see), the unique index over active appointments refuses the second, which is reported
/// as "slot already booked". A booking reads what it can before taking the lock (a retry's original, a slot already
/// held, the slots the rota names) and logs and publishes its change after releasing it, so the lock is held for the
/// decision and the insert alone (docs/performance.md, The 08:00 rush). Logs name appointments and slots, never patients.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<BookingDbContext> dbFactory,
    PracticeConfigurationProvider configuration,
    AppointmentChangeFeed changes,
    BookingRefusalTally refusals,
    IClock clock,
    ILogger<BookingService> logger)
{
    /// <summary>How a refusal of stated times names the slot's: the local offset, whole seconds (as FHIR writes an instant).</summary>
    private static readonly OffsetDateTimePattern StatedTimePattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public async Task<BookingOutcome> BookAsync(NewBooking request, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        var outcome = await DecideAsync(request, by, cancellationToken);
        if (outcome.Kind == BookingOutcomeKind.Refused)
        {
            // Counted for the report on how fast each channel's slots go: how many were turned away, and why.
            refusals.Record(request.SlotId, request.Channel, outcome.Reasons);
        }

        return outcome;
    }

    private async Task<BookingOutcome> DecideAsync(NewBooking request, ActingParty by, CancellationToken cancellationToken)
    {
        var id = request.Id ?? new AppointmentId(Guid.NewGuid());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Everything that can be answered from a plain read is, before the write lock (WAL readers never wait): the
        // lock is held for the booking alone. A retry of a request that was booked (the reply was lost) gets the same
        // booking back; a retry racing its own original is caught at the primary key under the lock.
        if (await RetryOutcomeAsync(db, id, request, cancellationToken) is { } retried)
        {
            return retried;
        }

        // At the 08:00 rush most callers lose. A slot another appointment already holds is refused from a plain read,
        // so losers do not queue for the write lock only to be told the same thing. The decision that counts is still
        // taken under the lock, and by the unique index.
        var slotIds = request.SlotIds.Select(s => s.Value).ToList();
        if (await AppointmentReads.HoldersOf(db, slotIds, id.Value).AnyAsync(cancellationToken))
        {
            return BookingOutcome.Refused([new SlotAlreadyBooked()]);
        }

        // Which slots the request names, and whether they fit together, depends on the configuration only; it is
        // worked out here and again under the lock only if a configuration change committed in between.
        var prepared = Prepare(await RequireConfigurationAsync(db, cancellationToken), request);
        if (prepared.Problem is not null)
        {
            return prepared.Problem;
        }

        var (outcome, notice) = await BookLockedAsync(db, id, request, by, prepared, cancellationToken);
        if (notice is not null)
        {
            logger.LogInformation("Appointment {AppointmentId} booked in slot {SlotId} through {Channel}", id, notice.Slots[0], request.Channel);
            changes.Publish(notice);
        }

        // No outcome: the id was taken while this request waited for the lock (its original committed first).
        return outcome
            ?? await RetryOutcomeAsync(db, id, request, cancellationToken)
            ?? BookingOutcome.Invalid($"Appointment id {id} is already used by another booking.");
    }

    /// <summary>
    /// The write-locked part of a booking: the configuration version, the patient and the day's ledger read under the
    /// lock, Core's decision, the insert and its audit entry, the commit. The lock is released when this returns, before
    /// the caller logs and publishes the change. No outcome when the id was taken meanwhile (see the caller).
    /// </summary>
    private async Task<(BookingOutcome? Outcome, AppointmentChangeNotice? Notice)> BookLockedAsync(
        BookingDbContext db, AppointmentId id, NewBooking request, ActingParty by, PreparedBooking prepared, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Book, cancellationToken);

        // At the gun hundreds of callers read the same slots free before the first commit, so most who queue here lost
        // while they waited: one indexed read tells them, before the configuration, the patient and the day's ledger.
        if (await AppointmentReads.HoldersOf(db, [.. request.SlotIds.Select(s => s.Value)], id.Value).AnyAsync(cancellationToken))
        {
            return (BookingOutcome.Refused([new SlotAlreadyBooked()]), null);
        }

        var config = await RequireConfigurationAsync(db, cancellationToken);
        if (config.Version != prepared.Config.Version || config.LoadedFor != prepared.Config.LoadedFor)
        {
            prepared = Prepare(config, request);
            if (prepared.Problem is not null)
            {
                return (prepared.Problem, null);
            }
        }

        var now = clock.GetCurrentInstant();
        var slot = prepared.Slots[0];
        var patientRow = await db.Patients.SingleOrDefaultAsync(p => p.NhsNumber == request.Patient.NhsNumber.Value, cancellationToken);
        var (bookAs, patientProblem) = BookedPatient(request.Patient, patientRow, now.InZone(config.Zone).Date);
        if (bookAs is null)
        {
            logger.LogInformation("Booking of slot {SlotId} refused: the patient's details are not bookable ({Field})", slot.Id, patientProblem!.Field);
            return (patientProblem, null);
        }

        var patient = bookAs;
        if (patientRow is not null)
        {
            patientRow.Phone = patient.Phone;
        }
        else
        {
            patientRow = new PatientRow
            {
                NhsNumber = patient.NhsNumber.Value,
                Name = patient.Name,
                DateOfBirth = patient.DateOfBirth,
                Phone = patient.Phone,
            };
            db.Patients.Add(patientRow);
        }

        var ledger = await AppointmentReads.LoadLedgerAsync(db, [new DateInterval(slot.Date, slot.Date)], patient.NhsNumber, now, cancellationToken);
        var result = new AppointmentBook(config.Policy).Book(
            new BookingRequest(id, patient, slot, request.Channel, by.ToActor()) { FollowingSlots = prepared.Slots[1..], SupportingInformation = request.SupportingInformation },
            prepared.DaySlots, ledger, now);
        if (!result.Succeeded)
        {
            logger.LogInformation("Booking of slot {SlotId} through {Channel} refused: {Reasons}", slot.Id, request.Channel, string.Join("; ", result.Reasons));
            return (BookingOutcome.Refused(result.Reasons), null);
        }

        var row = AppointmentMapping.NewRow(result.Appointment, patientRow);
        db.Appointments.Add(row);
        AuditLog.Record(db, now, by, "appointment.booked", "Appointment", id.ToString(), null, AppointmentMapping.Snapshot(result.Appointment, row.Version));

        // Every slot the appointment holds, so a book redraws all of a multi-slot booking's cells.
        var notice = new AppointmentChangeNotice(id, "appointment.booked", [slot.Date], [.. prepared.Slots.Select(s => s.Id)]);
        changes.Record(db, notice, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsActiveSlotViolation(exception))
        {
            logger.LogWarning("Booking of slot {SlotId} lost the race at the unique index", slot.Id);
            return (BookingOutcome.Refused([new SlotAlreadyBooked()]), null);
        }
        catch (DbUpdateException exception) when (WriteTransaction.IsUniqueViolation(exception, "Appointments", nameof(AppointmentRow.Id)))
        {
            // The original of this retry committed after the retry's first read: answered from a read after the lock.
            return (null, null);
        }

        return (BookingOutcome.Booked(new StoredAppointment(result.Appointment, row.Version)), notice);
    }

    /// <summary>The stored booking with <paramref name="id"/> when it is this request's (a retry), a refusal when it is another's, or null.</summary>
    private static async Task<BookingOutcome?> RetryOutcomeAsync(BookingDbContext db, AppointmentId id, NewBooking request, CancellationToken cancellationToken)
    {
        var existing = await db.Appointments.AsNoTracking().WithDetails().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        return existing.Slots.Select(s => s.SlotId).Order(StringComparer.Ordinal).SequenceEqual(request.SlotIds.Select(s => s.Value).Order(StringComparer.Ordinal))
            && existing.Patient.NhsNumber == request.Patient.NhsNumber.Value
            ? BookingOutcome.Booked(AppointmentMapping.ToStored(existing))
            : BookingOutcome.Invalid($"Appointment id {id} is already used by another booking.");
    }

    /// <summary>The slots a booking names, judged against a configuration's rota: found, adjacent, at the stated times; or why not.</summary>
    private sealed record PreparedBooking(PracticeConfiguration Config, Slot[] Slots, IReadOnlyCollection<Slot> DaySlots, BookingOutcome? Problem);

    private static PreparedBooking Prepare(PracticeConfiguration config, NewBooking request)
    {
        var slots = new List<Slot>(request.SlotIds.Count);
        IReadOnlyCollection<Slot> daySlots = [];
        foreach (var slotId in request.SlotIds)
        {
            var (found, foundDaySlots, notScheduled) = FindSlot(config, slotId);
            if (found is null)
            {
                return new(config, [], [], notScheduled is null ? BookingOutcome.SlotNotFound(slotId) : BookingOutcome.Refused([notScheduled]));
            }

            // Share quotas are sized from the first slot's day; adjacent slots are on the same day or refused below.
            if (slots.Count == 0)
            {
                daySlots = foundDaySlots;
            }

            slots.Add(found);
        }

        if (AdjacentSlots.Problem(slots) is { } notAdjacent)
        {
            return new(config, [], [], BookingOutcome.Invalid(notAdjacent.Message, BookingField.Slot));
        }

        var span = new Interval(slots.Min(s => s.Start), slots.Max(s => s.End));
        if (request.StatedTimes is { } stated && stated != span)
        {
            return new(config, [], [], BookingOutcome.Invalid(
                $"start and end must be the slots': {Format(span.Start, config.Zone)} to {Format(span.End, config.Zone)}.", BookingField.StartAndEnd));
        }

        return new(config, [.. slots], daySlots, null);
    }

    /// <summary>Cancels a booked appointment; its slot is free for every channel the moment this commits (rule 2).</summary>
    public Task<AppointmentChangeOutcome> CancelAsync(
        AppointmentId id, CancellationReason reason, string? note, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (note?.Length > AppointmentRow.NoteMaxLength)
        {
            return Task.FromResult(AppointmentChangeOutcome.Refused($"A note has at most {AppointmentRow.NoteMaxLength} characters."));
        }

        return ChangeAsync(id, by, expectedVersion, "appointment.cancelled", (config, appointment, now) =>
            new AppointmentBook(config.Policy).Cancel(appointment, reason, note, by.ToActor(), QuotaLedger.FromAppointments([appointment]), now), cancellationToken);
    }

    /// <summary>Records the patient's arrival (from the appointment's day).</summary>
    public Task<AppointmentChangeOutcome> MarkArrivedAsync(
        AppointmentId id, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, by, expectedVersion, "appointment.arrived", (_, appointment, now) => appointment.MarkArrived(by.ToActor(), now), cancellationToken);

    /// <summary>Records that the patient did not attend (once the appointment has ended).</summary>
    public Task<AppointmentChangeOutcome> MarkDidNotAttendAsync(
        AppointmentId id, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, by, expectedVersion, "appointment.did-not-attend", (_, appointment, now) => appointment.MarkDidNotAttend(by.ToActor(), now), cancellationToken);

    /// <summary>Puts a mistaken arrival or did-not-attend back to Booked; audited with the status before and after.</summary>
    public Task<AppointmentChangeOutcome> UndoOutcomeAsync(
        AppointmentId id, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, by, expectedVersion, "appointment.outcome-undone", (_, appointment, now) => appointment.UndoOutcome(by.ToActor(), now), cancellationToken);

    /// <summary>Records that the appointment took place.</summary>
    public Task<AppointmentChangeOutcome> MarkFulfilledAsync(
        AppointmentId id, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, by, expectedVersion, "appointment.fulfilled", (_, appointment, now) => appointment.MarkFulfilled(by.ToActor(), now), cancellationToken);

    /// <summary>
    /// Moves a booked appointment to <paramref name="target"/> in one transaction: the original is cancelled as Moved and
    /// the same patient booked into the target on <paramref name="channel"/>, or nothing changes.
    /// </summary>
    public async Task<MoveOutcome> MoveAsync(
        AppointmentId id, SlotId target, Channel channel, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Move, cancellationToken);
        var config = await RequireConfigurationAsync(db, cancellationToken);
        var now = clock.GetCurrentInstant();

        var row = await db.Appointments.WithDetails().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken);
        if (row is null)
        {
            return MoveOutcome.NotFound(id);
        }

        if (expectedVersion is { } expected && expected != row.Version)
        {
            return MoveOutcome.Conflict();
        }

        var (slot, daySlots, notScheduled) = FindSlot(config, target);
        if (slot is null)
        {
            return notScheduled is null ? MoveOutcome.TargetNotFound(target) : MoveOutcome.Refused([notScheduled]);
        }

        var original = AppointmentMapping.ToAppointment(row);
        var before = AuditLog.Snapshot(AppointmentMapping.Snapshot(original, row.Version));
        var ledger = await AppointmentReads.LoadLedgerAsync(
            db, [new DateInterval(original.Slot.Date, original.Slot.Date), new DateInterval(slot.Date, slot.Date)], original.Patient.NhsNumber, now, cancellationToken);
        var newId = new AppointmentId(Guid.NewGuid());
        var result = new AppointmentBook(config.Policy).Move(original, slot, newId, channel, by.ToActor(), daySlots, ledger, now);
        if (!result.Succeeded)
        {
            return result.Refusal is { } refusal ? MoveOutcome.Refused(refusal.Message) : MoveOutcome.Refused(result.Reasons);
        }

        AppointmentMapping.ApplyChange(result.Cancelled, row);
        var bookedRow = AppointmentMapping.NewRow(result.Booked, row.Patient);
        db.Appointments.Add(bookedRow);
        AuditLog.Record(db, now, by, "appointment.moved", "Appointment", id.ToString(), before, new
        {
            Cancelled = AppointmentMapping.Snapshot(result.Cancelled, row.Version + 1),
            Booked = AppointmentMapping.Snapshot(result.Booked, bookedRow.Version),
        });
        var notice = new AppointmentChangeNotice(id, "appointment.moved", [original.Slot.Date, slot.Date], [original.Slot.Id, slot.Id]);
        changes.Record(db, notice, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsActiveSlotViolation(exception))
        {
            return MoveOutcome.Refused([new SlotAlreadyBooked()]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MoveOutcome.Conflict();
        }

        logger.LogInformation("Appointment {AppointmentId} moved to slot {SlotId} as {NewAppointmentId}", id, slot.Id, newId);
        changes.Publish(notice);
        return MoveOutcome.Moved(new StoredAppointment(result.Cancelled, row.Version), new StoredAppointment(result.Booked, bookedRow.Version));
    }

    private async Task<AppointmentChangeOutcome> ChangeAsync(
        AppointmentId id,
        ActingParty by,
        int? expectedVersion,
        string action,
        Func<PracticeConfiguration, Appointment, Instant, TransitionResult> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Change, cancellationToken);
        var config = await RequireConfigurationAsync(db, cancellationToken);
        var now = clock.GetCurrentInstant();

        var row = await db.Appointments.WithDetails().SingleOrDefaultAsync(a => a.Id == id.Value, cancellationToken);
        if (row is null)
        {
            return AppointmentChangeOutcome.NotFound(id);
        }

        if (expectedVersion is { } expected && expected != row.Version)
        {
            return AppointmentChangeOutcome.Conflict();
        }

        var appointment = AppointmentMapping.ToAppointment(row);
        var result = change(config, appointment, now);
        if (!result.Succeeded)
        {
            return AppointmentChangeOutcome.Refused(result.Refusal.Message);
        }

        var before = AuditLog.Snapshot(AppointmentMapping.Snapshot(appointment, row.Version));
        AppointmentMapping.ApplyChange(result.Appointment, row);
        AuditLog.Record(db, now, by, action, "Appointment", id.ToString(), before, AppointmentMapping.Snapshot(result.Appointment, row.Version + 1));
        var notice = new AppointmentChangeNotice(id, action, [result.Appointment.Slot.Date], [result.Appointment.Slot.Id]);
        changes.Record(db, notice, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only reachable where the write lock is not exclusive (a server database): the row changed under us.
            return AppointmentChangeOutcome.Conflict();
        }

        logger.LogInformation("Appointment {AppointmentId}: {Action}", id, action);
        changes.Publish(notice);
        return AppointmentChangeOutcome.Changed(new StoredAppointment(result.Appointment, row.Version));
    }

    private async Task<PracticeConfiguration> RequireConfigurationAsync(BookingDbContext db, CancellationToken cancellationToken) =>
        await configuration.GetAsync(db, cancellationToken)
        ?? throw new InvalidOperationException("No practice is configured in this database.");

    /// <summary>The slot with <paramref name="id"/> and the slots of its day (share quotas are sized from them), or why the rota withholds it.</summary>
    private static (Slot? Slot, IReadOnlyCollection<Slot> DaySlots, NotScheduled? NotScheduled) FindSlot(PracticeConfiguration config, SlotId id)
    {
        if (!SlotId.TryParse(id.Value, out _, out var session, out _) || !BookingQueries.SupportedDates.Contains(session.Date))
        {
            return (null, [], null);
        }

        var generation = SlotGenerator.Generate(config.Rota, new DateInterval(session.Date, session.Date));
        if (generation.TryGetSlot(id, out var slot))
        {
            return (slot, generation.Slots, null);
        }

        return generation.TryGetSuppressed(id, out var suppressed)
            ? (null, [], NotScheduled.For(suppressed, config.PractitionerName))
            : (null, [], null);
    }

    /// <summary>
    /// The details to book under, or why not. Core's <see cref="PatientRules"/> judge what was given (a new patient needs
    /// a name and a date of birth); a patient the practice knows is booked under the stored details
    /// (<see cref="KnownPatient"/>).
    /// </summary>
    private static (PatientDetails? Patient, BookingOutcome? Problem) BookedPatient(GivenPatient given, PatientRow? known, LocalDate today)
    {
        if (known is null && given.Name is null && given.DateOfBirth is null)
        {
            return (null, BookingOutcome.Invalid(
                $"NHS number {given.NhsNumber} is new to this practice: give the patient's name and date of birth to book them.", BookingField.Patient));
        }

        var problems = PatientRules.Problems(given.Name, given.DateOfBirth, given.Phone, today, requireNameAndBirthDate: known is null);
        if (problems is [var first, ..])
        {
            return (null, BookingOutcome.Invalid(first.Message, first.Element switch
            {
                PatientElement.Name => BookingField.PatientName,
                PatientElement.DateOfBirth => BookingField.PatientDateOfBirth,
                PatientElement.Phone => BookingField.PatientPhone,
                _ => BookingField.Patient,
            }));
        }

        if (known is null)
        {
            var phone = given.Phone?.Trim();
            return (new PatientDetails(given.NhsNumber, given.Name!.Trim(), given.DateOfBirth!.Value, string.IsNullOrEmpty(phone) ? null : phone), null);
        }

        var match = KnownPatient.Match(AppointmentMapping.ToPatientDetails(known), given);
        return match.Refusal is { } refusal
            ? (null, BookingOutcome.Invalid(refusal.ToString(), BookingField.PatientDateOfBirth))
            : (match.BookAs, null);
    }

    private static string Format(Instant instant, DateTimeZone zone) => StatedTimePattern.Format(instant.InZone(zone).ToOffsetDateTime());

    private static bool IsActiveSlotViolation(DbUpdateException exception) =>
        WriteTransaction.IsUniqueViolation(exception, "AppointmentSlots", nameof(AppointmentSlotRow.SlotId))
        || WriteTransaction.IsUniqueViolation(exception, "Appointments", nameof(AppointmentRow.SlotId));
}
