using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A practice closure on one date. Withdrawn rather than deleted.</summary>
public sealed class ClosureRow : IVersionedRow
{
    public int Id { get; set; }

    public LocalDate Date { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>Closed from (local, inclusive); null with <see cref="EndTime"/> for the whole day.</summary>
    public LocalTime? StartTime { get; set; }

    /// <summary>Closed until (local, exclusive).</summary>
    public LocalTime? EndTime { get; set; }

    /// <summary>The one site closed; null when every site is.</summary>
    public int? SiteId { get; set; }

    /// <summary>When it was withdrawn; null while it stands.</summary>
    public Instant? WithdrawnAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class ClosureRowConfiguration : IEntityTypeConfiguration<ClosureRow>
{
    public void Configure(EntityTypeBuilder<ClosureRow> builder)
    {
        builder.ToTable("Closures");
        builder.Property(c => c.Reason).HasMaxLength(Closure.MaxReasonLength);
        builder.HasOne<SiteRow>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Date);
        builder.HasVersionToken();
    }
}
