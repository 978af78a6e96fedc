using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Booking.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Booking.Data.Sqlite;

/// <summary>
/// Brings a SQLite practice database to the current schema; the one way the app, its tests and Booking.Load migrate.
/// The migrations are generated (project Booking.Data.Sqlite.Migrations, see docs/data.md); their first one, the
/// <em>baseline</em>, makes exactly the schema the two hand-written migrations of November 2026 made. A database made
/// by those has them in its history instead of the baseline, so before migrating, such a history is <em>adopted</em>:
/// if the file's schema is the baseline's, statement for statement, its history is rewritten to the baseline in one
/// transaction, and migrations after the baseline then apply as to any database. Rows are never touched, and a file
/// whose history or schema is anything else is refused before anything changes.
/// </summary>
public static partial class SqliteMigrations
{
    /// <summary>The history a database made by the hand-written migrations has: exactly these two ids.</summary>
    public static readonly IReadOnlyList<string> HandWrittenMigrationIds =
        ["20261121120000_InitialCreate", "20261122090000_PracticeAndAppointments"];

    // EF's own tables: the history, and the lock that Migrate takes (EF Core 9 and later).
    private static readonly string[] BookkeepingTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    /// <summary>What a database's migration history says about it.</summary>
    public enum HistoryKind
    {
        /// <summary>No migration applied yet: a new database (or one with foreign tables, see <see cref="HistoryProblem"/>).</summary>
        Empty,

        /// <summary>Made by the generated migrations this version knows, perhaps some behind: migrating brings it up to date.</summary>
        Generated,

        /// <summary>Made by the hand-written migrations: adopted at the baseline, then migrated.</summary>
        HandWritten,

        /// <summary>Anything else: a newer version's database, or a history this version cannot explain.</summary>
        Unknown,
    }

    /// <summary>
    /// Brings <paramref name="db"/>'s database to the latest migration, adopting a database made by the hand-written
    /// migrations first. Throws <see cref="DatabaseRefusedException"/> with the reason, changing nothing, for a file
    /// this version cannot upgrade.
    /// </summary>
    public static async Task MigrateAsync(BookingDbContext db, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var known = KnownMigrations(db);
        if (await AdoptHandWrittenHistoryAsync(db, known, cancellationToken) is { } adoptedFrom)
        {
            logger?.LogInformation(
                "Database made by the hand-written migrations ({Applied}) adopted at the baseline migration {Baseline}; its rows are untouched",
                string.Join(", ", adoptedFrom), known[0]);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Sorts an applied history against the migrations this version <paramref name="known"/> (oldest first; the first is the baseline).</summary>
    public static HistoryKind Classify(IReadOnlyCollection<string> applied, IReadOnlyList<string> known)
    {
        if (applied.Count == 0)
        {
            return HistoryKind.Empty;
        }

        if (applied.Count == HandWrittenMigrationIds.Count && HandWrittenMigrationIds.All(applied.Contains))
        {
            return HistoryKind.HandWritten;
        }

        return known.Count > 0 && applied.Contains(known[0]) && applied.All(known.Contains) ? HistoryKind.Generated : HistoryKind.Unknown;
    }

    /// <summary>
    /// Why a database with this history (and <paramref name="hasDomainTables"/>: any table besides EF's own) cannot be
    /// migrated by this version; null when it can.
    /// </summary>
    public static string? HistoryProblem(IReadOnlyCollection<string> applied, IReadOnlyList<string> known, bool hasDomainTables)
    {
        switch (Classify(applied, known))
        {
            case HistoryKind.Empty:
                return hasDomainTables
                    ? "it has tables but no migration history, so it was not made by Booking"
                    : null;
            case HistoryKind.Generated or HistoryKind.HandWritten:
                return null;
            case HistoryKind.Unknown:
                var strangers = applied.Where(id => !known.Contains(id) && !HandWrittenMigrationIds.Contains(id)).Order(StringComparer.Ordinal).ToList();
                return strangers.Count > 0 && strangers.All(id => string.CompareOrdinal(id, known[^1]) > 0)
                    ? $"it was made by a newer version of Booking (migration {string.Join(", ", strangers)})"
                    : $"its migration history ({string.Join(", ", applied.Order(StringComparer.Ordinal))}) is neither that of the " +
                      $"hand-written migrations ({string.Join(", ", HandWrittenMigrationIds)}) nor a run of this version's migrations " +
                      $"from {known[0]}";
            default:
                throw new InvalidOperationException("Unreachable: every history kind is handled above.");
        }
    }

    /// <summary>The migrations of the SQLite migration set, oldest first; the first is the baseline.</summary>
    public static IReadOnlyList<string> KnownMigrations(BookingDbContext db)
    {
        var known = db.Database.GetMigrations().ToList();
        return known.Count > 0
            ? known
            : throw new InvalidOperationException(
                $"No migrations were found in assembly {SqliteSetup.MigrationsAssemblyName}: the app that migrates must reference that project.");
    }

    /// <summary>
    /// If the database was made by the hand-written migrations, checks its schema is the baseline's and records the
    /// baseline in their place, in one write transaction (so a second app instance starting at once sees either the
    /// old history or the new one, never half). Returns the history it replaced, or null when there was none to adopt.
    /// </summary>
    private static async Task<IReadOnlyList<string>?> AdoptHandWrittenHistoryAsync(
        BookingDbContext db, IReadOnlyList<string> known, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        var history = db.GetService<IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(row => row.MigrationId).ToList()
            : [];
        var connection = db.Database.GetDbConnection();
        var dbTransaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var hasDomainTables = applied.Count == 0 && (await ReadSchemaAsync(connection, dbTransaction, cancellationToken)).Count > 0;
        if (HistoryProblem(applied, known, hasDomainTables) is { } problem)
        {
            throw Refusal(db, problem);
        }

        if (Classify(applied, known) != HistoryKind.HandWritten)
        {
            return null;
        }

        var baseline = known[0];
        var differences = Differences(
            expected: await BaselineSchemaAsync(db, baseline, cancellationToken),
            actual: await ReadSchemaAsync(connection, dbTransaction, cancellationToken));
        if (differences.Count > 0)
        {
            throw Refusal(db,
                "it has the hand-written migrations' history but not the schema they make, so it cannot be adopted at the baseline " +
                $"{baseline}: {string.Join("; ", differences.Take(5))}{(differences.Count > 5 ? $"; and {differences.Count - 5} more" : "")}");
        }

        var rewrite = string.Concat(applied.Select(history.GetDeleteScript))
            + history.GetInsertScript(new HistoryRow(baseline, EfProductVersion()));
        await ExecuteAsync(connection, dbTransaction, rewrite, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The schema a new database has at <paramref name="baseline"/>: the migrations' own script, run on an empty in-memory database.</summary>
    private static async Task<IReadOnlyList<string>> BaselineSchemaAsync(BookingDbContext db, string baseline, CancellationToken cancellationToken)
    {
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: null, toMigration: baseline);
        await using var scratch = new SqliteConnection("Data Source=:memory:");
        await scratch.OpenAsync(cancellationToken);
        await ExecuteAsync(scratch, null, script, cancellationToken);
        return await ReadSchemaAsync(scratch, null, cancellationToken);
    }

    /// <summary>
    /// Every table, index, view and trigger besides SQLite's and EF's own, as "type name: sql" with runs of white space
    /// made one space, sorted. SQLite keeps each object's CREATE statement as written, so equal lists mean equal
    /// columns (in order), types, keys, constraints and index filters.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ReadSchemaAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\';";
        var schema = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!BookkeepingTables.Contains(reader.GetString(2), StringComparer.Ordinal))
            {
                var sql = reader.IsDBNull(3) ? "" : WhiteSpace().Replace(reader.GetString(3), " ").Trim();
                schema.Add($"{reader.GetString(0)} {reader.GetString(1)}: {sql}");
            }
        }

        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    private static List<string> Differences(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        expected.Except(actual, StringComparer.Ordinal).Select(line => $"expected {line}")
            .Concat(actual.Except(expected, StringComparer.Ordinal).Select(line => $"found {line}"))
            .ToList();

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DatabaseRefusedException Refusal(BookingDbContext db, string problem)
    {
        var file = db.Database.GetDbConnection() is SqliteConnection sqlite ? sqlite.DataSource : db.Database.GetConnectionString();
        return new DatabaseRefusedException($"The database {file} cannot be upgraded by this version of Booking: {problem}. Nothing in it was changed.");
    }

    /// <summary>The version EF records in the history for a migration it applies itself, e.g. "10.0.15".</summary>
    private static string EfProductVersion()
    {
        var version = typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var build = version.IndexOf('+', StringComparison.Ordinal);
        return build < 0 ? version : version[..build];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
