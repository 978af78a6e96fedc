using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Booking.Data.PostgreSql;
using Booking.Data.Sqlite;
using Booking.Data.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Storage;

/// <summary>
/// The transaction every write operation (a booking, a cancellation, a configuration change) runs in, holding the
/// database's write lock from its first statement to its commit, so what the operation read cannot change before it
/// writes. Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
/// <remarks>
/// <para>SQLite: <c>BEGIN IMMEDIATE</c> takes the file's write lock at once (<see cref="SqliteSetup.BeginImmediateAsync"/>).
/// A deferred <c>BEGIN</c> would take it only at the first write, and in WAL mode a transaction that read first and
/// then finds another writer committed in between fails with SQLITE_BUSY_SNAPSHOT, which no busy timeout can cure.</para>
/// <para>PostgreSQL and SQL Server: a read-committed transaction whose first statement updates the one
/// <see cref="WriteLockRow"/>. The row lock is held to the commit, so writers on every app instance sharing the
/// database queue on it, and each statement after it reads everything committed before it: the same guarantee
/// as SQLite's, from a plain <c>UPDATE</c> that every provider honours, with no provider lock call in shared code.</para>
/// <para>In this process writers also queue on a gate per database first, so a burst of bookings waits
/// asynchronously instead of parking thread-pool threads in SQLite's busy handler or holding a pooled connection
/// while blocked on the row. The gate is a <see cref="SemaphoreSlim"/> awaited only asynchronously: its async
/// waiters form a queue released in arrival order, and a release hands the count straight to the head of the
/// queue, so a newcomer cannot overtake a waiter (<c>WriteTransactionTests</c> holds it to first come, first
/// served). FHIR and staff bookings in this process are therefore served in the order they reached the gate. How
/// long each transaction held the gate (and so the write lock) is recorded in <see cref="HeldHistogramName"/>.</para>
/// </remarks>
public sealed class WriteTransaction : IAsyncDisposable
{
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
        var provider = BookingDatabase.ProviderOf(db.Database);
        var gate = Gates.GetOrAdd(GateKey(db, provider), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        var acquiredAt = Stopwatch.GetTimestamp();
        try
        {
            var transaction = provider == DatabaseProvider.Sqlite
                ? await SqliteSetup.BeginImmediateAsync(db, cancellationToken)
                : await TakeLockRowAsync(db, cancellationToken);
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
    /// True when saving failed because a unique index or key on <paramref name="table"/>.<paramref name="column"/>
    /// already holds the value, e.g. a booking that lost the race for a slot to a writer this transaction could not see.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string table, string column)
    {
        // SQLite's refusal names the table and column itself, with or without the entries; a server's names the
        // constraint, whose names are read off the model of the context that saved.
        if (SqliteSetup.IsUniqueViolation(exception, table, column))
        {
            return true;
        }

        if (exception.Entries.Count == 0)
        {
            return false;
        }

        var db = exception.Entries[0].Context;
        return BookingDatabase.ProviderOf(db.Database) switch
        {
            DatabaseProvider.PostgreSql => PostgreSqlSetup.IsUniqueViolation(exception, UniqueConstraints.Named(db, table, column)),
            DatabaseProvider.SqlServer => SqlServerSetup.IsUniqueViolation(exception, UniqueConstraints.Named(db, table, column)),
            _ => false,
        };
    }

    // The lock row's UPDATE is the transaction's first statement, so it holds the row lock before it reads anything.
    private static async Task<DbTransaction> TakeLockRowAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            transaction = await db.Database.GetDbConnection().BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            var taken = await db.Set<WriteLockRow>()
                .Where(l => l.Id == WriteLockRow.TheLock)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Taken, l => l.Taken + 1), cancellationToken);
            return taken == 1
                ? transaction
                : throw new InvalidOperationException("The database has no write lock row: it was not migrated by Booking.");
        }
        catch
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    // SQLite: one gate per file, however its path was written. A server: one per connection string.
    private static string GateKey(BookingDbContext db, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite
            ? SqliteSetup.GateKey(db)
            : provider + ":" + db.Database.GetConnectionString();
}
