using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Auditing;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>A correction of a known patient's details, made against the version staff were shown.</summary>
/// <param name="NhsNumber">Whose details; the number itself never changes (a different number is a different patient).</param>
/// <param name="ExpectedVersion">The record's version when staff saw the old details side by side with the new.</param>
/// <param name="Name">The corrected full name.</param>
/// <param name="DateOfBirth">The corrected date of birth.</param>
/// <param name="Phone">The corrected phone number; null or blank removes it.</param>
public sealed record PatientDetailsCorrection(NhsNumber NhsNumber, int ExpectedVersion, string Name, LocalDate DateOfBirth, string? Phone);

/// <summary>How a correction ended: <see cref="Updated"/>, or one reason it changed nothing.</summary>
public enum PatientCorrectionResult
{
    /// <summary>The details were changed and audited with the old and new ones.</summary>
    Updated,

    /// <summary>The details given are the stored ones: nothing to change, nothing audited.</summary>
    Unchanged,

    /// <summary>A detail breaks Core's patient rules; <see cref="PatientCorrectionOutcome.Problems"/> says which.</summary>
    Invalid,

    /// <summary>Someone changed the record after staff saw it; <see cref="PatientCorrectionOutcome.Record"/> is the current one.</summary>
    Stale,

    /// <summary>The practice has no patient with this NHS number.</summary>
    NotFound,
}

/// <summary>The result of <see cref="PatientRecords.CorrectAsync"/>.</summary>
/// <param name="Result">What happened.</param>
/// <param name="Record">The record as it now is (null when not found).</param>
/// <param name="Problems">Why the details were refused, one per element; empty otherwise.</param>
public sealed record PatientCorrectionOutcome(PatientCorrectionResult Result, PatientRecord? Record, IReadOnlyList<PatientProblem> Problems);

/// <summary>
/// The practice's record of each patient, by NHS number: looked up when reception types a number (a known patient is
/// booked under the stored details), and corrected only by the explicit step here, one write transaction that checks the
/// version staff saw, changes the row and records the old and new details in the audit log, or does none of these.
/// Every screen showing one of the patient's days hears of a correction at once through the change feed.
/// </summary>
public sealed class PatientRecords(
    IDbContextFactory<BookingDbContext> dbFactory,
    AppointmentChangeFeed changes,
    IClock clock,
    ILogger<PatientRecords> logger)
{
    /// <summary>The audit action of a correction.</summary>
    public const string CorrectedAction = "patient.details-corrected";

    /// <summary>The practice's record of the patient with <paramref name="nhsNumber"/>, or null when the practice has none.</summary>
    public async Task<PatientRecord?> FindAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nhsNumber);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.NhsNumber == nhsNumber.Value, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Corrects a known patient's details after staff compared the old and new side by side.</summary>
    public async Task<PatientCorrectionOutcome> CorrectAsync(PatientDetailsCorrection correction, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var row = await db.Patients.SingleOrDefaultAsync(p => p.NhsNumber == correction.NhsNumber.Value, cancellationToken);
        if (row is null)
        {
            return new PatientCorrectionOutcome(PatientCorrectionResult.NotFound, null, []);
        }

        var stored = ToRecord(row);
        var problems = PatientRules.Problems(correction.Name, correction.DateOfBirth, correction.Phone, PracticeTime.Today(clock));
        if (problems.Count > 0)
        {
            return new PatientCorrectionOutcome(PatientCorrectionResult.Invalid, stored, problems);
        }

        if (row.Version != correction.ExpectedVersion)
        {
            return new PatientCorrectionOutcome(PatientCorrectionResult.Stale, stored, []);
        }

        var corrected = new PatientDetails(
            correction.NhsNumber, PatientCorrection.Tidy(correction.Name)!, correction.DateOfBirth, PatientCorrection.Tidy(correction.Phone));
        var changed = PatientCorrection.ChangedElements(stored.Details, corrected);
        if (changed.Count == 0)
        {
            return new PatientCorrectionOutcome(PatientCorrectionResult.Unchanged, stored, []);
        }

        var before = AuditLog.Snapshot(stored.Details);
        row.Name = corrected.Name;
        row.DateOfBirth = corrected.DateOfBirth;
        row.Phone = corrected.Phone;
        var now = clock.GetCurrentInstant();
        AuditLog.Record(db, now, by, CorrectedAction, "Patient", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, corrected);

        // The patient's open appointments show the new details; their days are redrawn once this commits.
        var today = PracticeTime.Today(clock);
        var openAppointments = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == row.Id && a.SlotDate >= today)
            .Select(a => new { a.Id, a.SlotDate, a.SlotId })
            .ToListAsync(cancellationToken);
        var notices = openAppointments.Select(appointment => new AppointmentChangeNotice(
            new AppointmentId(appointment.Id), CorrectedAction, [appointment.SlotDate],
            SlotId.TryParse(appointment.SlotId, out var slotId, out _, out _) ? [slotId] : [])).ToList();
        foreach (var notice in notices)
        {
            changes.Record(db, notice, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Patient {PatientId} details corrected ({Elements})", row.Id, string.Join(", ", changed));
        foreach (var notice in notices)
        {
            changes.Publish(notice);
        }

        return new PatientCorrectionOutcome(PatientCorrectionResult.Updated, ToRecord(row), []);
    }

    private static PatientRecord ToRecord(PatientRow row) => new(row.Id, AppointmentMapping.ToPatientDetails(row), row.Version);
}
