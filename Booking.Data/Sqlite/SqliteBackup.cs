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
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Delete(partial);

        await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
        await using (var target = new SqliteConnection(FileConnectionString(partial, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }

        var problems = await ProblemsWithAsync(partial, db, cancellationToken);
        if (problems.Count > 0)
        {
            File.Delete(partial);
            return new BackupOutcome(false, "The backup copy failed its check: " + string.Join("; ", problems));
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

        var targetConnectionString = db.Database.GetConnectionString()!;
        var targetFile = new SqliteConnectionStringBuilder(targetConnectionString).DataSource;
        string? safetyCopy = null;
        if (File.Exists(targetFile))
        {
            safetyCopy = Path.ChangeExtension(targetFile, $".before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}.db");
            var saved = await BackupAsync(db, safetyCopy, cancellationToken);
            if (!saved.Succeeded)
            {
                return new BackupOutcome(false, "Could not save the current database before restoring: " + saved.Message);
            }
        }

        // Pooled connections would keep pages of the old database; none may outlive the restore.
        SqliteConnection.ClearAllPools();
        await using (var backup = new SqliteConnection(FileConnectionString(source, SqliteOpenMode.ReadOnly)))
        await using (var target = new SqliteConnection(FileConnectionString(targetFile, SqliteOpenMode.ReadWriteCreate)))
        {
            await backup.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            await using (var command = target.CreateCommand())
            {
                // No waiting: if anything holds the database, the app is running and the operator must stop it.
                command.CommandText = "PRAGMA busy_timeout=0; BEGIN EXCLUSIVE; ROLLBACK;";
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (SqliteException)
                {
                    return new BackupOutcome(false, "The database is in use. Stop the app, then restore again.");
                }
            }

            backup.BackupDatabase(target);
        }

        SqliteConnection.ClearAllPools();
        var restoredProblems = await ProblemsWithAsync(targetFile, db, cancellationToken);
        return restoredProblems.Count == 0
            ? new BackupOutcome(true, $"Restored {source}." + (safetyCopy is null ? "" : $" The previous database was saved as {safetyCopy}."))
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
                var applied = await ReadAllAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory;", cancellationToken);
                var known = db.Database.GetMigrations().ToHashSet();
                problems.AddRange(applied.Where(id => !known.Contains(id)).Select(id => $"it was made by a newer version (migration {id})"));
            }
        }
        catch (SqliteException exception)
        {
            problems.Add(exception.Message);
        }

        return problems;
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
