using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Booking.Data.Storage;

/// <summary>
/// The database names of the unique indexes and keys over a column, read off the model, so a server's refusal
/// (which names the constraint, not the column) can be told apart from any other.
/// </summary>
internal static class UniqueConstraints
{
    public static IReadOnlySet<string> Named(DbContext db, string table, string column)
    {
        // Key and index names are design-time metadata; the read-optimised runtime model does not keep them.
        var model = db.GetService<IDesignTimeModel>().Model;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() == table))
        {
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            bool Covers(IEnumerable<IProperty> properties) => properties.Any(p => p.GetColumnName(store) == column);
            foreach (var key in entity.GetKeys().Where(k => Covers(k.Properties)))
            {
                if (key.GetName(store) is { } name)
                {
                    names.Add(name);
                }
            }

            foreach (var index in entity.GetIndexes().Where(i => i.IsUnique && Covers(i.Properties)))
            {
                if (index.GetDatabaseName(store) is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
