using Microsoft.Data.Sqlite;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Makes a database file as today's main made it, before migrations were generated: its schema and its
/// <c>__EFMigrationsHistory</c> (the two hand-written migration ids) come from the script those migrations produced,
/// kept as a fixture (Booking.Tests/Data/Fixtures/schema-before-generated-migrations.sql), not from their C# classes,
/// which are gone.
/// </summary>
public static class HandWrittenMigrationsDatabase
{
    public static string ScriptPath { get; } =
        Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "schema-before-generated-migrations.sql");

    /// <summary>Creates the old schema and history in the (new, empty) database of <paramref name="connectionString"/>.</summary>
    public static async Task CreateAsync(string connectionString)
    {
        var script = await File.ReadAllTextAsync(ScriptPath);
        await ExecuteAsync(connectionString, script);
    }

    /// <summary>Runs raw SQL (several statements are fine) on its own connection, as a tool outside the app would.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
