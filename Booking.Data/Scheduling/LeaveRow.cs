using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A practitioner's leave. No reason is stored (it is theirs); withdrawn rather than deleted.</summary>
public sealed class LeaveRow : IVersionedRow
{
    public int Id { get; set; }

    public int PractitionerId { get; set; }

    /// <summary>First date away (inclusive).</summary>
    public LocalDate FirstDate { get; set; }

    /// <summary>Last date away (inclusive).</summary>
    public LocalDate LastDate { get; set; }

    /// <summary>Away from (local, each date); null with <see cref="EndTime"/> for whole days.</summary>
    public LocalTime? StartTime { get; set; }

    /// <summary>Away until (local, exclusive).</summary>
    public LocalTime? EndTime { get; set; }

    /// <summary>When it was withdrawn; null while it stands.</summary>
    public Instant? WithdrawnAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class LeaveRowConfiguration : IEntityTypeConfiguration<LeaveRow>
{
    public void Configure(EntityTypeBuilder<LeaveRow> builder)
    {
        builder.ToTable("Leave");
        builder.HasOne<PractitionerRow>().WithMany().HasForeignKey(l => l.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasVersionToken();
    }
}
