using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
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
/// The gate is a <see cref="SemaphoreSlim"/> awaited only asynchronously: its async waiters form a queue released in
/// arrival order, and a release hands the count straight to the head of the queue, so a newcomer cannot overtake a
/// waiter (<c>WriteTransactionTests</c> holds it to first come, first served). FHIR and staff bookings in this
/// process are therefore served in the order they reached the gate. How long each transaction held the gate (and so
/// the write lock) is recorded in <see cref="HeldHistogramName"/>.
/// A server provider would add its own branch here (a serializable transaction).
/// </remarks>
public sealed class WriteTransaction : IAsyncDisposable
{
    // SQLITE_CONSTRAINT; the message names the table and column of the index that refused the row.
    private const int SqliteConstraint = 19;

    /// <summary>The meter this class records on.</summary>
    public const string MeterName = "Booking.Data";

    /// <summary>
    /// Milliseconds from taking the in-process gate to releasing it (the SQLite write lock is held inside that span),
    /// one measurement per write transaction, tagged <see cref="OperationTag"/>.
    /// </summary>
    public const string HeldHistogramName = "booking.write_lock.held";

    /// <summary>The tag naming what the transaction did, e.g. <see cref="Operations.Book"/>.</summary>
    public const string OperationTag = "operation";

    /// <summary>The operation names callers tag their transactions with.</summary>
    public static class Operations
    {
        /// <summary>A booking (<c>BookingService.BookAsync</c>): the figure the 08:00 rush is held to.</summary>
        public const string Book = "appointment.book";

        /// <summary>A cancellation, arrival, did-not-attend, undo or fulfilment of one appointment.</summary>
        public const string Change = "appointment.change";

        /// <summary>A move of an appointment to another slot.</summary>
        public const string Move = "appointment.move";

        /// <summary>A batch of FHIR request audit entries.</summary>
        public const string RequestAudit = "audit.requests";

        /// <summary>Anything else: configuration, staff accounts, patient corrections, migrations.</summary>
        public const string Other = "other";
    }

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        HeldHistogramName, "ms", "How long a write transaction held the database's write lock");

    // One gate per database file: writers in this process queue asynchronously instead of spinning in SQLite.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly BookingDbContext _db;
    private readonly DbTransaction _transaction;
    private readonly SemaphoreSlim _gate;
    private readonly string _operation;
    private readonly long _acquiredAt;

    private WriteTransaction(BookingDbContext db, DbTransaction transaction, SemaphoreSlim gate, string operation, long acquiredAt)
    {
        _db = db;
        _transaction = transaction;
        _gate = gate;
        _operation = operation;
        _acquiredAt = acquiredAt;
    }

    /// <summary>Opens <paramref name="db"/>'s connection and begins a transaction that already holds the write lock.</summary>
    public static Task<WriteTransaction> BeginAsync(BookingDbContext db, CancellationToken cancellationToken = default) =>
        BeginAsync(db, Operations.Other, cancellationToken);

    /// <summary>As <see cref="BeginAsync(BookingDbContext, CancellationToken)"/>, its lock time recorded under <paramref name="operation"/>.</summary>
    public static async Task<WriteTransaction> BeginAsync(BookingDbContext db, string operation, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            throw new NotSupportedException("Only SQLite is configured; a server provider adds its serializable write transaction here.");
        }

        var gate = Gates.GetOrAdd(GateKey(sqlite), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        var acquiredAt = Stopwatch.GetTimestamp();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var transaction = sqlite.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            return new WriteTransaction(db, transaction, gate, operation, acquiredAt);
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
            Held.Record(Stopwatch.GetElapsedTime(_acquiredAt).TotalMilliseconds, new KeyValuePair<string, object?>(OperationTag, _operation));
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
