using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Booking.Data.Sqlite;

/// <summary>
/// Everything SQLite-specific lives in this folder, so that adding a server provider later means
/// configuration plus a migration set, not a hunt through queries.
/// </summary>
public static class SqliteSetup
{
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
