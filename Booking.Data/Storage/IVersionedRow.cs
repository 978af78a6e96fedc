using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Storage;

/// <summary>
/// A row that changes after it is written. <see cref="Version"/> is its optimistic concurrency token:
/// <see cref="BookingDbContext"/> increments it on every update, and an update whose row changed since it was
/// read affects no row and fails, so two editors can never silently overwrite each other.
/// </summary>
public interface IVersionedRow
{
    /// <summary>1 when inserted, plus one per saved update.</summary>
    int Version { get; set; }
}

internal static class VersionedRowConfiguration
{
    public static void HasVersionToken<TRow>(this EntityTypeBuilder<TRow> builder)
        where TRow : class, IVersionedRow =>
        builder.Property(row => row.Version).IsConcurrencyToken();
}
