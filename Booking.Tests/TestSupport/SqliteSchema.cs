using Microsoft.Data.Sqlite;

namespace Booking.Tests.TestSupport;

/// <summary>Reads a SQLite file's schema as sorted text lines, so two databases can be compared line by line.</summary>
public static class SqliteSchema
{
    // EF's migration history and migration lock (EF Core 9 on), and SQLite's AUTOINCREMENT counters.
    private static readonly HashSet<string> BookkeepingTables = ["__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence"];

    public static IReadOnlyList<string> Describe(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = new List<string>();
        foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0)))
        {
            if (BookkeepingTables.Contains(table))
            {
                continue;
            }

            lines.Add($"table {table}");
            lines.AddRange(Query(connection, $"PRAGMA table_info(\"{table}\")", r =>
                $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} default={(r.IsDBNull(4) ? "-" : r.GetString(4))} pk={r.GetInt64(5)}"));
            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list(\"{table}\")", r =>
                $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
            foreach (var (index, unique) in Query(connection, $"PRAGMA index_list(\"{table}\")", r => (r.GetString(1), r.GetInt64(2))))
            {
                var columns = Query(connection, $"PRAGMA index_info(\"{index}\")", r => r.IsDBNull(2) ? "<expr>" : r.GetString(2));
                var partial = Query(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index}'",
                    r => r.IsDBNull(0) ? "" : r.GetString(0)).SingleOrDefault() ?? "";
                var where = partial.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase)
                    ? partial[partial.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase)..]
                    : "";
                lines.Add($"index {table}.{index} unique={unique} ({string.Join(",", columns)}){where}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// Every row of <c>sqlite_master</c>, EF's own tables and SQLite's automatic indexes included, as
    /// "type name on table: sql" with runs of white space made one space, sorted: two databases whose lists are equal
    /// were made by the same statements.
    /// </summary>
    public static IReadOnlyList<string> Master(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = Query(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master", r =>
            $"{r.GetString(0)} {r.GetString(1)} on {r.GetString(2)}: {(r.IsDBNull(3) ? "" : string.Join(' ', r.GetString(3).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// Every row of every table (EF's history and lock tables left out unless <paramref name="withMigrationTables"/>;
    /// <c>sqlite_sequence</c>, the AUTOINCREMENT counters, kept), in rowid order, each value with its storage class.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Rows(string connectionString, bool withMigrationTables = false)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0))
            .Where(table => withMigrationTables || !table.StartsWith("__EFMigrations", StringComparison.Ordinal));
        var rows = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            rows[table] = Query(connection, $"SELECT * FROM \"{table}\" ORDER BY rowid", r =>
                string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetName(i)}={Value(r.GetValue(i))}")));
        }

        return rows;
    }

    private static string Value(object value) => value switch
    {
        DBNull => "NULL",
        long integer => $"INTEGER:{integer}",
        double real => $"REAL:{real:R}",
        string text => $"TEXT:{text}",
        byte[] blob => $"BLOB:{Convert.ToHexString(blob)}",
        _ => throw new InvalidOperationException($"Unexpected SQLite value of type {value.GetType()}"),
    };

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
