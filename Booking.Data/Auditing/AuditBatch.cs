using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Booking.Data.Auditing;

/// <summary>
/// Appends audit entries that belong to no other change (the FHIR request log) with one multi-row <c>INSERT</c> per
/// batch. The request log gets a row for every API request, and writing them through the change tracker (an
/// <c>INSERT ... RETURNING</c> per row, a context's services resolved per batch) cost a fifth of a slot search's CPU
/// (docs/performance.md). Table, columns, quoting and value conversions all come from the EF model and the provider, so
/// the statement is the same standard SQL on every provider; the ids are the database's.
/// </summary>
public static class AuditBatch
{
    /// <summary>
    /// Rows per statement: eight parameters a row stays under SQL Server's 2,100 parameters a command. Larger lists are
    /// written in several statements of one transaction.
    /// </summary>
    public const int MaxRowsPerStatement = 200;

    public static async Task InsertAsync(BookingDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
            + $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            for (var first = 0; first < entries.Count; first += MaxRowsPerStatement)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                var text = new StringBuilder(insert);
                var rows = Math.Min(MaxRowsPerStatement, entries.Count - first);
                for (var row = 0; row < rows; row++)
                {
                    text.Append(row == 0 ? "(" : ", (");
                    for (var column = 0; column < columns.Count; column++)
                    {
                        var name = "p" + ((row * columns.Count) + column).ToString(CultureInfo.InvariantCulture);
                        text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                        var property = columns[column];
                        // The column's own mapping converts the value (an Instant to a UTC DateTime, the enum to its name).
                        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(
                            command, sql.GenerateParameterName(name), property.GetGetter().GetClrValue(entries[first + row]), property.IsNullable));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
