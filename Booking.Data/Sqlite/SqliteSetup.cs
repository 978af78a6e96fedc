using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Booking.Data.Sqlite;

/// <summary>
/// Everything SQLite-specific lives in this folder (PostgreSQL's in PostgreSql, SQL Server's in SqlServer);
/// shared code reaches it only through <see cref="BookingDatabase"/> and <see cref="WriteTransaction"/>.
/// </summary>
public static class SqliteSetup
{
    /// <summary>EF Core's name for this provider (<c>DatabaseFacade.ProviderName</c>).</summary>
    public const string ProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    // SQLITE_CONSTRAINT; the message names the table and column of the index that refused the row.
    private const int SqliteConstraint = 19;

    /// <summary>How long a writer waits for another writer's lock before SQLite reports "busy".</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>
    /// Makes a relative <c>Data Source</c> relative to <paramref name="baseDirectory"/> (the content root),
    /// not to whatever the current directory happens to be, and creates its folder.
    /// </summary>
    public static string ResolveConnectionString(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return builder.ToString();
        }

        if (!Path.IsPathRooted(dataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, dataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling keeps connections (and their pragmas) open between short-lived contexts.
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// The assembly holding the SQLite migration set and its model snapshot (project Booking.Data.Sqlite.Migrations).
    /// Named, not referenced: it references this one. Whatever migrates (the web app, tests, Booking.Load) references
    /// that project, so EF finds the migrations at run time.
    /// </summary>
    public const string MigrationsAssemblyName = "Booking.Data.Sqlite.Migrations";

    /// <summary>Configures EF Core for a SQLite file with the pragmas every connection needs and the SQLite migration set.</summary>
    public static DbContextOptionsBuilder UseBookingSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(MigrationsAssemblyName))
            .AddInterceptors(ConnectionPragmas.Instance);

    /// <summary>
    /// Switches the database file to write-ahead logging: readers never block the writer and a crash
    /// loses no committed transaction. The mode is stored in the file, so once at start-up is enough.
    /// </summary>
    public static async Task EnableWriteAheadLogAsync(BookingDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetDbConnection() is SqliteConnection { DataSource: not (":memory:" or "") })
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Runs SQLite's own consistency check; returns the problems found, empty when the file is sound.</summary>
    public static async Task<IReadOnlyList<string>> CheckIntegrityAsync(BookingDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var problems = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var line = reader.GetString(0);
                if (line != "ok")
                {
                    problems.Add(line);
                }
            }

            return problems;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Opens <paramref name="db"/>'s connection and begins a transaction with <c>BEGIN IMMEDIATE</c>, which takes the
    /// write (RESERVED) lock at once. <c>deferred: false</c> says so explicitly: it is also Microsoft.Data.Sqlite's
    /// default for <c>BeginTransaction()</c>, but not something to rely on silently.
    /// </summary>
    internal static async Task<DbTransaction> BeginImmediateAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: false);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return transaction;
    }

    /// <summary>True when <paramref name="exception"/> is SQLite refusing a row at a unique index on <paramref name="table"/>.<paramref name="column"/>.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception, string table, string column) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && sqlite.Message.Contains($"UNIQUE constraint failed: {table}.{column}", StringComparison.Ordinal);

    /// <summary>The file's full path, so every connection string naming the same file shares one write gate.</summary>
    internal static string GateKey(BookingDbContext db)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? connectionString : Path.GetFullPath(dataSource);
    }

    /// <summary>Sets the per-connection pragmas each time a connection opens.</summary>
    private sealed class ConnectionPragmas : DbConnectionInterceptor
    {
        public static readonly ConnectionPragmas Instance = new();

        private static readonly string Pragmas =
            $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
