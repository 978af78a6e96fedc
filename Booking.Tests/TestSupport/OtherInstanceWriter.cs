using System.Data.Common;
using Booking.Data.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Booking.Tests.TestSupport;

/// <summary>
/// A writer outside this process's write gate, as another app instance on the same database is, holding the
/// database's write lock until disposed: SQLite's <c>BEGIN IMMEDIATE</c> on the file, or the lock row on PostgreSQL.
/// </summary>
public sealed class OtherInstanceWriter : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    private OtherInstanceWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Opens its own connection to <paramref name="database"/> and takes the write lock.</summary>
    public static async Task<OtherInstanceWriter> HoldTheLockAsync(TempDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync();
            return new OtherInstanceWriter(sqlite, sqlite.BeginTransaction(deferred: false));
        }

        var postgres = new NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync();
        var transaction = await postgres.BeginTransactionAsync();
        await using var command = postgres.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """UPDATE "WriteLock" SET "Taken" = "Taken" + 1""";
        await command.ExecuteNonQueryAsync();
        return new OtherInstanceWriter(postgres, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
