using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Booking.Load.Harness;

/// <summary>
/// A fresh SQLite file for one run, in its own folder, migrated and in WAL mode as the app leaves it. The app
/// process and the harness open the same file: two writers in two processes, as two app instances would be.
/// </summary>
public sealed class LoadDatabase : IDisposable
{
    private readonly bool _keep;

    public LoadDatabase(string? folder = null)
    {
        _keep = folder is not null;
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "booking-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "booking.db");
        foreach (var stale in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            File.Delete(stale);
        }

        ConnectionString = SqliteSetup.ResolveConnectionString($"Data Source={FilePath}", Folder);
        Factory = new PooledDbContextFactory<BookingDbContext>(Options());
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>A context (and pooled connection) per call, as the app's factory hands them out.</summary>
    public IDbContextFactory<BookingDbContext> Factory { get; }

    public DbContextOptions<BookingDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<BookingDbContext>();
        builder.UseBookingSqlite(ConnectionString);
        return builder.Options;
    }

    public async Task MigrateAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        await SqliteMigrations.MigrateAsync(db);
        await SqliteSetup.EnableWriteAheadLogAsync(db);
    }

    /// <summary>SQLite's full <c>PRAGMA integrity_check</c>: "ok", or the problems it found.</summary>
    public async Task<string> IntegrityCheckAsync()
    {
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
