using Booking.Data;
using Booking.Data.Sqlite;
using Booking.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Booking.Load.Harness;

/// <summary>
/// A fresh database for one run: a SQLite file in its own folder, migrated and in WAL mode as the app leaves it, or,
/// when the run is on PostgreSQL (<see cref="ScratchPostgres"/>), a new database on the test cluster. The app
/// process and the harness open the same database: two writers in two processes, as two app instances would be.
/// </summary>
public sealed class LoadDatabase : IDisposable
{
    private readonly bool _keep;

    public LoadDatabase(string? folder = null)
    {
        _keep = folder is not null;
        Provider = ScratchPostgres.Provider;
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "booking-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "booking.db");
        foreach (var stale in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            File.Delete(stale);
        }

        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? SqliteSetup.ResolveConnectionString($"Data Source={FilePath}", Folder)
            : ScratchPostgres.CreateDatabase("booking_load");
        Factory = new PooledDbContextFactory<BookingDbContext>(Options());
    }

    /// <summary>Where the run's data lives: SQLite unless the run says PostgreSql.</summary>
    public DatabaseProvider Provider { get; }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>A context (and pooled connection) per call, as the app's factory hands them out.</summary>
    public IDbContextFactory<BookingDbContext> Factory { get; }

    public DbContextOptions<BookingDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<BookingDbContext>();
        builder.UseBookingDatabase(Provider, ConnectionString);
        return builder.Options;
    }

    /// <summary>How to start the app on this database.</summary>
    public AppOptions AppOptions(LocalDateTime? practiceNow = null, IReadOnlyDictionary<string, string>? settings = null) =>
        new(ConnectionString, practiceNow, settings) { Provider = Provider };

    public async Task MigrateAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        await BookingDatabase.MigrateAsync(db);
    }

    /// <summary>
    /// SQLite's full <c>PRAGMA integrity_check</c>: "ok", or the problems it found. A server database keeps its own
    /// integrity; there it is the app's own check (every migration applied, the write lock row present).
    /// </summary>
    public async Task<string> IntegrityCheckAsync()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            await using var db = await Factory.CreateDbContextAsync();
            var problems = await BookingDatabase.CheckAsync(db);
            return problems.Count == 0 ? "ok" : string.Join("; ", problems);
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    public void Dispose()
    {
        if (Provider != DatabaseProvider.Sqlite && !_keep)
        {
            ScratchPostgres.DropDatabase(ConnectionString);
        }

        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        if (_keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing process; the temp folder is cleaned by the OS.
        }
    }
}
