using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>Name, role and identifiers of a practitioner, as the manager enters them.</summary>
public sealed record PractitionerDetails(string Name, PractitionerRole Role, IReadOnlyList<PractitionerIdentifier>? Identifiers = null);

/// <summary>What a service is, as the manager enters it.</summary>
public sealed record ServiceDetails(
    string Name,
    SlotLength DefaultLength,
    DeliveryMode DeliveryMode,
    NationalAppointmentCategory Category,
    IReadOnlyList<PractitionerRole> EligibleRoles,
    bool IsBookable = true);

/// <summary>
/// Every configuration write: practice, sites, practitioners, services, rota, release rules, quotas, patient cap.
/// Each is one <see cref="WriteTransaction"/> that changes the rows, raises the practice's configuration version (so
/// every cached copy is dropped), records an audit entry (who, when, what, before, after) and, once committed,
/// tells <see cref="ConfigurationChangeFeed"/>; or does none of these.
/// Values are checked by Core's own constructors; a refusal comes back as a <see cref="ConfigurationResult{T}"/>.
/// Nothing here deletes or moves an appointment: rota changes report the booked appointments they affect.
/// Sites, practitioners and services are retired, never deleted; rules and quotas are versioned by effective date.
/// </summary>
public sealed partial class ConfigurationStore(
    IDbContextFactory<BookingDbContext> dbFactory, IClock clock, ConfigurationChangeFeed changes, ILogger<ConfigurationStore> logger)
{
    // Core's entity constructors validate everything but the id, which the database assigns; they are called with
    // this placeholder to check the values before a row is written.
    private const int UnsavedId = 1;

    /// <summary>Creates or updates the practice itself (ODS code, name, list size, time zone).</summary>
    public async Task<ConfigurationResult<Practice>> SetPracticeAsync(Practice practice, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var row = await db.Practice.SingleOrDefaultAsync(p => p.Id == PracticeRow.SingletonId, cancellationToken);
        var before = AuditLog.Snapshot(row);
        if (row is null)
        {
            row = new PracticeRow();
            db.Practice.Add(row);
        }

        row.OdsCode = practice.OdsCode.Value;
        row.Name = practice.Name;
        row.RegisteredListSize = practice.RegisteredListSize;
        row.TimeZoneId = practice.TimeZone.Id;
        row.ConfigurationVersion++;
        var now = clock.GetCurrentInstant();
        AuditLog.Record(db, now, by, before is null ? "practice.created" : "practice.changed", "Practice", practice.OdsCode.Value, before, row);
        var notice = new ConfigurationChangeNotice(row.ConfigurationVersion);
        changes.Record(db, notice, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.Publish(notice);
        return ConfigurationResult<Practice>.Done(practice);
    }

    /// <summary>
    /// Runs one configuration write: <paramref name="write"/> changes rows and records its audit entries (saving early
    /// when it needs generated ids); this saves, raises the configuration version, checks the whole configuration
    /// still loads through Core, lists affected appointments for rota changes, and commits. Any refusal rolls back.
    /// </summary>
    private async Task<ConfigurationResult<T>> WriteAsync<T>(
        ActingParty by, bool changesRota, Func<Change, Task<ConfigurationResult<T>>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var practice = await db.Practice.SingleOrDefaultAsync(p => p.Id == PracticeRow.SingletonId, cancellationToken);
        if (practice is null)
        {
            return ConfigurationResult<T>.Invalid("Set up the practice first.");
        }

        var today = PracticeTime.Today(clock, DateTimeZoneProviders.Tzdb[practice.TimeZoneId]);
        try
        {
            var before = changesRota ? await PracticeConfigurationProvider.LoadAsync(db, today, cancellationToken) : null;
            var result = await write(new Change(db, clock.GetCurrentInstant(), by, today, before?.Rota));
            if (!result.Succeeded)
            {
                return result;
            }

            practice.ConfigurationVersion++;
            var notice = new ConfigurationChangeNotice(practice.ConfigurationVersion);
            changes.Record(db, notice, clock.GetCurrentInstant());
            await db.SaveChangesAsync(cancellationToken);

            // Loading through Core is the final check: a change that would leave an unloadable rota is refused here.
            var after = await PracticeConfigurationProvider.LoadAsync(db, today, cancellationToken);
            if (before is not null)
            {
                result = result.WithAffected(await AffectedFromTodayAsync(db, before, after.Rota, today, cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
            changes.Publish(notice);
            return result;
        }
        catch (ArgumentException exception)
        {
            return ConfigurationResult<T>.Invalid(exception.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConfigurationResult<T>.Conflict();
        }
        catch (DbUpdateException exception)
        {
            logger.LogWarning(exception, "Configuration change refused by the database");
            return ConfigurationResult<T>.Invalid("The database refused the change: it duplicates or refers to something it should not.");
        }
    }

    private static async Task<IReadOnlyList<AffectedAppointment>> AffectedFromTodayAsync(
        BookingDbContext db, PracticeConfiguration before, Rota proposed, LocalDate today, CancellationToken cancellationToken)
    {
        var lastBooked = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.Booked && a.SlotDate >= today)
            .OrderByDescending(a => a.SlotDate)
            .Select(a => (LocalDate?)a.SlotDate)
            .FirstOrDefaultAsync(cancellationToken);
        return lastBooked is { } last
            ? await BookingQueries.AffectedAppointmentsAsync(db, before, proposed, new DateInterval(today, last), cancellationToken)
            : [];
    }

    private static ConfigurationResult<T>? CheckVersion<T>(Storage.IVersionedRow row, int? expectedVersion) =>
        expectedVersion is { } expected && expected != row.Version ? ConfigurationResult<T>.Conflict() : null;

    /// <summary>
    /// One change to an existing row: loads it, refuses a stale <paramref name="expectedVersion"/>, lets
    /// <paramref name="edit"/> check and change it (a non-null answer is the problem that refuses the change), and audits
    /// the row before and after as <c>{subject}.{verb}</c>. Rota subjects list the appointments the change affects.
    /// </summary>
    private Task<ConfigurationResult<T>> EditAsync<TRow, T>(
        ActingParty by,
        AuditSubject subject,
        int id,
        int? expectedVersion,
        string verb,
        Func<Change, Task<TRow?>> load,
        Func<Change, TRow, Task<string?>> edit,
        Func<TRow, T> result,
        CancellationToken cancellationToken,
        Func<Change, Task<Duplicate?>>? duplicate = null)
        where TRow : class, Storage.IVersionedRow =>
        WriteAsync(by, subject.ChangesRota, async change =>
        {
            var row = await load(change);
            if (row is null)
            {
                return ConfigurationResult<T>.NotFound($"{subject.Described} {id}");
            }

            if (CheckVersion<T>(row, expectedVersion) is { } conflict)
            {
                return conflict;
            }

            if (duplicate is not null && await duplicate(change) is { } found)
            {
                return ConfigurationResult<T>.Invalid(found.Message, found.Field);
            }

            var before = AuditLog.Snapshot(row);
            if (await edit(change, row) is { } problem)
            {
                return ConfigurationResult<T>.Invalid(problem);
            }

            change.Audit($"{subject.Action}.{verb}", subject.Type, id, before, row);
            return ConfigurationResult<T>.Done(result(row));
        }, cancellationToken);

    /// <summary>An edit that cannot be refused beyond what Core's constructors throw.</summary>
    /// <summary>Something already stored that the change would repeat, and the input it is about (see <see cref="ConfigurationResult{T}.Field"/>).</summary>
    private sealed record Duplicate(string Field, string Message);

    private static Task<string?> Edited(Action edit)
    {
        edit();
        return Task.FromResult<string?>(null);
    }

    /// <summary>How a kind of row is named in the audit log and in "not found" messages, and whether it shapes the rota.</summary>
    private sealed record AuditSubject(string Action, string Type, string Described, bool ChangesRota);

    private static class Subjects
    {
        public static readonly AuditSubject Site = new("site", "Site", "site", ChangesRota: false);
        public static readonly AuditSubject Practitioner = new("practitioner", "Practitioner", "practitioner", ChangesRota: false);
        public static readonly AuditSubject Service = new("service", "Service", "service", ChangesRota: false);
        public static readonly AuditSubject SessionTemplate = new("session-template", "SessionTemplate", "session template", ChangesRota: true);
    }

    /// <summary>
    /// What a write delegate works with: the context inside the transaction, the instant, who, the practice's today and,
    /// for rota changes, the rota before the change, which Core's <see cref="RotaEdit"/> is applied to.
    /// </summary>
    private sealed record Change(BookingDbContext Db, Instant Now, ActingParty By, LocalDate Today, Rota? Rota)
    {
        /// <summary>Staff and API clients change the rota from today on; only the system (the demo seed, a data import) lays down history.</summary>
        public RotaEditContext EditContext => new(Today, LaysDownHistory: By.Kind == AuditActorKind.System);

        /// <summary>The rota this change starts from; only rota changes load it.</summary>
        public Rota CurrentRota => Rota ?? throw new InvalidOperationException("Only a rota change reads the rota.");

        public void Audit(string action, string subjectType, object subjectId, string? before, object? after) =>
            AuditLog.Record(Db, Now, By, action, subjectType, Convert.ToString(subjectId, System.Globalization.CultureInfo.InvariantCulture)!, before, after);
    }
}
