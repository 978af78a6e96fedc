using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Sqlite;

/// <summary>The result of a backup or restore: done, or refused with the reason for the operator.</summary>
public sealed record BackupOutcome(bool Succeeded, string Message);

/// <summary>
/// Online backup and restore of the practice database with SQLite's backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>): the copy is a consistent snapshot of one
/// committed state even while the app keeps writing, which copying the file (and its WAL) is not.
/// </summary>
public static class SqliteBackup
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>How many times a copy refused as busy is tried before the backup fails with the reason.</summary>
    private const int CopyAttempts = 10;

    // Tables whose presence makes a file a Booking database (staff, audit, practice, appointments).
    private static readonly string[] RequiredTables = ["__EFMigrationsHistory", "AspNetUsers", "AuditEntries", "Practice", "Appointments"];

    /// <summary>
    /// Copies <paramref name="db"/>'s database to <paramref name="destinationFile"/> while the app runs. The copy is
    /// written beside the destination and moved into place only when complete, so a failed backup never leaves a
    /// half-written file under the backup's name.
    /// </summary>
    public static async Task<BackupOutcome> BackupAsync(BookingDbContext db, string destinationFile, CancellationToken cancellationToken = default)
    {
        var destination = Path.GetFullPath(destinationFile);
        var partial = destination + ".partial";
        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        {
            await source.OpenAsync(cancellationToken);
            var integrity = await CopyAsync(source, partial, cancellationToken);
            var problems = integrity.Count > 0 ? integrity : await ProblemsWithAsync(partial, db, cancellationToken);
            if (problems.Count > 0)
            {
                File.Delete(partial);
                return new BackupOutcome(false, "The backup copy failed its check: " + string.Join("; ", problems));
            }
        }

        File.Move(partial, destination, overwrite: true);
        return new BackupOutcome(true, $"Backed up to {destination}.");
    }

    /// <summary>
    /// Replaces <paramref name="db"/>'s database with <paramref name="backupFile"/>, after checking that the file is a
    /// sound Booking database this version of the app can run, and after saving the current database beside itself
    /// (<c>*.before-restore-*.db</c>). The app must be stopped first: a running app would keep serving what it had
    /// cached from the old database. A database in use by a transaction is refused.
    /// </summary>
    public static async Task<BackupOutcome> RestoreAsync(BookingDbContext db, string backupFile, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(backupFile);
        if (!File.Exists(source))
        {
            return new BackupOutcome(false, $"There is no file {source}.");
        }

        var problems = await ProblemsWithAsync(source, db, cancellationToken);
        if (problems.Count > 0)
        {
            return new BackupOutcome(false, $"{source} is not a Booking database this version can restore: " + string.Join("; ", problems));
        }

        var targetFile = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

        var hadDatabase = File.Exists(targetFile);
        string message;

        // Pooled connections would keep pages of the old database; none may outlive the restore.
        SqliteConnection.ClearAllPools();
        await using (var target = new SqliteConnection(FileConnectionString(targetFile, SqliteOpenMode.ReadWriteCreate)))
        {
            await target.OpenAsync(cancellationToken);
            if (!await IsIdleAsync(target, cancellationToken))
            {
                return new BackupOutcome(false, "The database is in use. Stop the app, then restore again.");
            }

            message = $"Restored {source}.";
            if (hadDatabase)
            {
                // Whatever the current file holds is kept, Booking database or not: a restore never destroys data.
                var safetyCopy = Path.ChangeExtension(targetFile, $".before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}.db");
                var integrity = await CopyAsync(target, safetyCopy, cancellationToken);
                if (integrity.Count > 0)
                {
                    return new BackupOutcome(false, "Could not save the current database before restoring: " + string.Join("; ", integrity));
                }

                message += $" The previous database was saved as {safetyCopy}.";
            }

            await using var backup = new SqliteConnection(FileConnectionString(source, SqliteOpenMode.ReadOnly));
            await backup.OpenAsync(cancellationToken);
            backup.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
        var restoredProblems = await ProblemsWithAsync(targetFile, db, cancellationToken);
        return restoredProblems.Count == 0
            ? new BackupOutcome(true, message)
            : new BackupOutcome(false, "The restored database failed its check: " + string.Join("; ", restoredProblems));
    }

    /// <summary>Why <paramref name="file"/> is not a sound Booking database this app knows; empty when it is.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsWithAsync(string file, BookingDbContext db, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        try
        {
            await using var connection = new SqliteConnection(FileConnectionString(file, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(cancellationToken);
            var integrity = await ReadAllAsync(connection, "PRAGMA integrity_check;", cancellationToken);
            problems.AddRange(integrity.Where(line => line != "ok"));
            var tables = await ReadAllAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table';", cancellationToken);
            problems.AddRange(RequiredTables.Except(tables).Select(table => $"table {table} is missing"));
            if (problems.Count == 0)
            {
                // A database made by the hand-written migrations is restorable too: the app adopts it when it starts.
                var applied = await ReadAllAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory;", cancellationToken);
                if (SqliteMigrations.HistoryProblem(applied, SqliteMigrations.KnownMigrations(db), hasDomainTables: true) is { } history)
                {
                    problems.Add(history);
                }
            }
        }
        catch (SqliteException exception)
        {
            problems.Add(exception.Message);
        }

        return problems;
    }

    /// <summary>Copies the open database <paramref name="source"/> to a new file with the backup API; the copy's integrity problems, empty when sound.</summary>
    private static async Task<IReadOnlyList<string>> CopyAsync(SqliteConnection source, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Delete(destination);
        await using var target = new SqliteConnection(FileConnectionString(destination, SqliteOpenMode.ReadWriteCreate));
        await target.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                break;
            }
            catch (SqliteException busy) when (busy.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < CopyAttempts)
            {
                // A writer checkpointing the WAL can hold, for a moment, a lock the copy needs; on a busy machine that
                // moment is long enough for SQLite to answer "database is locked". Try again rather than fail the backup.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }

        var integrity = await ReadAllAsync(target, "PRAGMA integrity_check;", cancellationToken);
        return integrity.Where(line => line != "ok").ToList();
    }

    /// <summary>
    /// True when nothing else holds the database: an exclusive lock is available at once. One statement per command:
    /// Microsoft.Data.Sqlite does not report a busy error from a later statement of a multi-statement command.
    /// </summary>
    private static async Task<bool> IsIdleAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=0;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandTimeout = 1;
        command.CommandText = "BEGIN EXCLUSIVE;";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            return false;
        }

        command.CommandText = "ROLLBACK;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static string FileConnectionString(string file, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();

    private static async Task<List<string>> ReadAllAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
