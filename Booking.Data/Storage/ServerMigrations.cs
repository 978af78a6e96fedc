using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Booking.Data.Storage;

/// <summary>
/// Migrating and checking a server database (PostgreSQL, SQL Server) with its provider's generated migration set.
/// Server databases never had the hand-written SQLite migrations, so there is no history to adopt.
/// </summary>
internal static class ServerMigrations
{
    public static async Task MigrateAsync(BookingDbContext db, ILogger? logger, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        // Asked only when the history table exists: reading a missing one logs a failed command on every first start.
        var applied = await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
            : [];
        var unknown = applied.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseRefusedException(
                $"The database has migrations this version of Booking does not know ({string.Join(", ", unknown)}): " +
                "it was made by a newer version. Nothing was changed; run that version, or restore a backup made by this one.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger?.LogInformation("Database migrated: {Migrations}", string.Join(", ", pending));
        }
    }

    /// <summary>A pending migration or a missing write lock row means this database is not one the app can write to.</summary>
    public static async Task<IReadOnlyList<string>> CheckSchemaAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            problems.Add("Migrations not applied: " + string.Join(", ", pending));
            return problems;
        }

        if (!await db.Set<WriteLockRow>().AnyAsync(l => l.Id == WriteLockRow.TheLock, cancellationToken))
        {
            problems.Add("The write lock row is missing.");
        }

        return problems;
    }
}
