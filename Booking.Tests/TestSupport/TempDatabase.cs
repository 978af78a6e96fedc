using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Booking.Tests.TestSupport;

/// <summary>A real SQLite file in its own temporary folder, deleted with the folder afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder;

    public TempDatabase(string name = "booking")
    {
        _folder = Path.Combine(Path.GetTempPath(), "booking-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, name + ".db");
        ConnectionString = SqliteSetup.ResolveConnectionString($"Data Source={FilePath}", _folder);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public string Folder => _folder;

    public BookingDbContext CreateContext() =>
        new(Options());

    public DbContextOptions<BookingDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<BookingDbContext>();
        builder.UseBookingSqlite(ConnectionString);
        return builder.Options;
    }

    /// <summary>A factory handing out a new context (and pooled connection) per call, as the app's is.</summary>
    public IDbContextFactory<BookingDbContext> CreateFactory() =>
        new PooledDbContextFactory<BookingDbContext>(Options());

    /// <summary>Brings the file to the current schema in WAL mode, as the app does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await SqliteMigrations.MigrateAsync(db);
        await SqliteSetup.EnableWriteAheadLogAsync(db);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temp folder is cleaned by the OS.
        }
    }
}
