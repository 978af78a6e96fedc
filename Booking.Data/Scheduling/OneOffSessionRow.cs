using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>An extra session on one date. Withdrawn rather than deleted, so the audit and past days stay explainable.</summary>
public sealed class OneOffSessionRow : IVersionedRow
{
    public int Id { get; set; }

    public int PractitionerId { get; set; }

    public int SiteId { get; set; }

    public LocalDate Date { get; set; }

    /// <summary>The layout's segments as JSON (see <see cref="SessionLayoutJson"/>).</summary>
    public string Segments { get; set; } = "";

    /// <summary>When it was withdrawn; null while it stands.</summary>
    public Instant? WithdrawnAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class OneOffSessionRowConfiguration : IEntityTypeConfiguration<OneOffSessionRow>
{
    public void Configure(EntityTypeBuilder<OneOffSessionRow> builder)
    {
        builder.ToTable("OneOffSessions");
        builder.HasOne<PractitionerRow>().WithMany().HasForeignKey(o => o.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SiteRow>().WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => o.Date);
        builder.HasVersionToken();
    }
}
