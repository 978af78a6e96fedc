using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Sqlite;

/// <summary>
/// The transaction every write operation (a booking, a cancellation, a configuration change) runs in, holding the
/// database's write lock from its first statement to its commit, so what the operation read cannot change before it
/// writes. Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
/// <remarks>
/// SQLite: <see cref="SqliteConnection.BeginTransaction(bool)"/> with <c>deferred: false</c> issues
/// <c>BEGIN IMMEDIATE</c>, which takes the write (RESERVED) lock at once; that is also Microsoft.Data.Sqlite's default
/// for <c>BeginTransaction()</c>, but the default is not something to rely on silently. A deferred <c>BEGIN</c> would
/// take the lock only at the first write, and in WAL mode a transaction that read first and then finds another writer
/// committed in between fails with SQLITE_BUSY_SNAPSHOT, which no busy timeout can cure. Other writers wait for the
/// lock for up to <see cref="SqliteSetup.BusyTimeoutMilliseconds"/> (other processes) or queue on an in-process gate
/// first (this process), so a burst of bookings never parks thread-pool threads in SQLite's busy handler.
/// A server provider would add its own branch here (a serializable transaction).
/// </remarks>
public sealed class WriteTransaction : IAsyncDisposable
{
    // SQLITE_CONSTRAINT; the message names the table and column of the index that refused the row.
    private const int SqliteConstraint = 19;

    // One gate per database file: writers in this process queue asynchronously instead of spinning in SQLite.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly BookingDbContext _db;
    private readonly DbTransaction _transaction;
    private readonly SemaphoreSlim _gate;

    private WriteTransaction(BookingDbContext db, DbTransaction transaction, SemaphoreSlim gate)
    {
        _db = db;
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>Opens <paramref name="db"/>'s connection and begins a transaction that already holds the write lock.</summary>
    public static async Task<WriteTransaction> BeginAsync(BookingDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            throw new NotSupportedException("Only SQLite is configured; a server provider adds its serializable write transaction here.");
        }

        var gate = Gates.GetOrAdd(GateKey(sqlite), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var transaction = sqlite.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            return new WriteTransaction(db, transaction, gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.Database.UseTransactionAsync(null);
            await _transaction.DisposeAsync();
            await _db.Database.CloseConnectionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when saving failed because a unique index on <paramref name="table"/>.<paramref name="column"/> already
    /// holds the value, e.g. a booking that lost the race for a slot to a writer this transaction could not see.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string table, string column) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && sqlite.Message.Contains($"UNIQUE constraint failed: {table}.{column}", StringComparison.Ordinal);

    private static string GateKey(SqliteConnection connection)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? connection.ConnectionString : Path.GetFullPath(dataSource);
    }
}
