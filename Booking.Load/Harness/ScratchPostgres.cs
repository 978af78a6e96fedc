using Booking.Data.Storage;
using Npgsql;

namespace Booking.Load.Harness;

/// <summary>
/// Which provider the tests and load runs put their databases on, and scratch databases on the private PostgreSQL
/// cluster that <c>./test.sh</c> (or <c>tools/load/run.sh</c>) starts on loopback. SQLite unless
/// <see cref="ProviderVariable"/> says <c>PostgreSql</c>; then <see cref="ServerVariable"/> holds the cluster's
/// connection string (no database named).
/// </summary>
public static class ScratchPostgres
{
    /// <summary>The environment variable naming the provider every database of the run is made on.</summary>
    public const string ProviderVariable = "BOOKING_TEST_PROVIDER";

    /// <summary>The environment variable holding the connection string of the PostgreSQL cluster to make databases on.</summary>
    public const string ServerVariable = "BOOKING_TEST_POSTGRES";

    /// <summary>The provider of this run's databases.</summary>
    public static DatabaseProvider Provider =>
        BookingDatabase.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    /// <summary>The connection string of the cluster; throws with what to do when the run has none.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ProviderVariable} is PostgreSql but {ServerVariable} is not set: run the tests with ./test.sh, which starts the cluster.");

    /// <summary>Makes an empty database with a new name and returns its connection string.</summary>
    public static string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, ending any session still on it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
