using Microsoft.Data.Sqlite;

namespace Booking.Tests.TestSupport;

/// <summary>Reads a SQLite file's schema as sorted text lines, so two databases can be compared line by line.</summary>
public static class SqliteSchema
{
    private static readonly HashSet<string> BookkeepingTables = ["__EFMigrationsHistory", "sqlite_sequence"];

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
