using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Storage;

/// <summary>
/// The one row every write transaction on a server database updates first (<see cref="WriteTransaction"/>): the
/// row lock it takes is held to the commit, so writes are serialised across every app instance on the database, as
/// SQLite's <c>BEGIN IMMEDIATE</c> serialises them on a file. What a booking reads after taking it (the slot's
/// appointments, the day's quota ledger, the patient's cap) cannot change before it commits, on any provider.
/// On SQLite the row exists but is not needed.
/// </summary>
public sealed class WriteLockRow
{
    /// <summary>The id of the single row.</summary>
    public const int TheLock = 1;

    /// <summary>Always <see cref="TheLock"/>.</summary>
    public int Id { get; set; }

    /// <summary>How many write transactions have taken the lock; updated only so the row is locked.</summary>
    public long Taken { get; set; }
}

internal sealed class WriteLockRowConfiguration : IEntityTypeConfiguration<WriteLockRow>
{
    public void Configure(EntityTypeBuilder<WriteLockRow> builder)
    {
        builder.ToTable("WriteLock");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasData(new WriteLockRow { Id = WriteLockRow.TheLock, Taken = 0 });
    }
}
