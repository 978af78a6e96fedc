using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A one-day cancellation or replacement of a template's session. Withdrawn rather than deleted.</summary>
public sealed class DayEditRow : IVersionedRow
{
    public int Id { get; set; }

    public int TemplateId { get; set; }

    public LocalDate Date { get; set; }

    /// <summary>The replacement layout as JSON; null when the session is cancelled.</summary>
    public string? Replacement { get; set; }

    /// <summary>Why the session is cancelled; null for a replacement.</summary>
    public string? CancellationReason { get; set; }

    /// <summary>When it was withdrawn; null while it stands.</summary>
    public Instant? WithdrawnAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class DayEditRowConfiguration : IEntityTypeConfiguration<DayEditRow>
{
    public void Configure(EntityTypeBuilder<DayEditRow> builder)
    {
        builder.ToTable("DayEdits");
        builder.Property(e => e.CancellationReason).HasMaxLength(DayEdit.MaxReasonLength);
        builder.HasOne<SessionTemplateRow>().WithMany().HasForeignKey(e => e.TemplateId).OnDelete(DeleteBehavior.Restrict);
        // The rota allows one edit per template and date; withdrawn edits are history and do not count.
        builder.HasIndex(e => new { e.TemplateId, e.Date }).IsUnique().HasFilter("\"WithdrawnAt\" IS NULL");
        builder.HasVersionToken();
    }
}
