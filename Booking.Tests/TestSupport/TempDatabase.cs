using Booking.Data;
using Booking.Data.Sqlite;
using Booking.Data.Storage;
using Booking.Load.Harness;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Booking.Tests.TestSupport;

/// <summary>
/// A real database of its own for one test, removed afterwards: a SQLite file in its own temporary folder, or, when
/// the run is on PostgreSQL (<c>./test.sh</c>'s second pass, see <see cref="ScratchPostgres"/>), a new database on
/// the private test cluster. Tests of SQLite's own file handling carry the trait <see cref="SqliteOnly"/> and are
/// left out of that pass.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    /// <summary>The trait (name <c>Provider</c>) of tests about SQLite itself: its file, its migrations' history, its backup.</summary>
    public const string SqliteOnly = "Sqlite";

    private readonly string _folder;

    public TempDatabase(string name = "booking")
    {
        Provider = ScratchPostgres.Provider;
        _folder = Path.Combine(Path.GetTempPath(), "booking-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, name + ".db");
        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? SqliteSetup.ResolveConnectionString($"Data Source={FilePath}", _folder)
            : ScratchPostgres.CreateDatabase("booking_test");
    }

    /// <summary>The provider this database is on.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file (on a server provider, a path where no file is ever made).</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    public string Folder => _folder;

    public BookingDbContext CreateContext() =>
        new(Options());

    public DbContextOptions<BookingDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<BookingDbContext>();
        builder.UseBookingDatabase(Provider, ConnectionString);
        return builder.Options;
    }

    /// <summary>A factory handing out a new context (and pooled connection) per call, as the app's is.</summary>
    public IDbContextFactory<BookingDbContext> CreateFactory() =>
        new PooledDbContextFactory<BookingDbContext>(Options());

    /// <summary>Brings the database to the current schema (for SQLite in WAL mode), as the app does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await BookingDatabase.MigrateAsync(db);
    }

    public void Dispose()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            ScratchPostgres.DropDatabase(ConnectionString);
        }

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
