using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>
/// A recurring session. Edited in place and ended with <see cref="EffectiveTo"/>, never deleted: its id is part of
/// every slot id it produced, so keeping the id keeps unchanged slots (and their bookings) where they are.
/// </summary>
public sealed class SessionTemplateRow : IVersionedRow
{
    /// <summary>Room for every week of the longest cycle, comma-separated.</summary>
    public const int CycleWeeksRunMaxLength = 150;

    public int Id { get; set; }

    public int PractitionerId { get; set; }

    public int SiteId { get; set; }

    public IsoDayOfWeek DayOfWeek { get; set; }

    /// <summary>The layout's segments as JSON (see <see cref="SessionLayoutJson"/>).</summary>
    public string Segments { get; set; } = "";

    /// <summary>First date it runs (inclusive).</summary>
    public LocalDate EffectiveFrom { get; set; }

    /// <summary>Last date it runs (inclusive); null while open-ended.</summary>
    public LocalDate? EffectiveTo { get; set; }

    /// <summary>Length of the week cycle; 1 for every week.</summary>
    public int CycleWeeks { get; set; } = 1;

    /// <summary>The weeks of the cycle it runs, 1-based, comma-separated, e.g. <c>1,3</c>.</summary>
    public string CycleWeeksRun { get; set; } = "1";

    /// <summary>Monday of week 1 of the cycle.</summary>
    public LocalDate CycleAnchor { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class SessionTemplateRowConfiguration : IEntityTypeConfiguration<SessionTemplateRow>
{
    public void Configure(EntityTypeBuilder<SessionTemplateRow> builder)
    {
        builder.ToTable("SessionTemplates");
        builder.Property(t => t.CycleWeeksRun).HasMaxLength(SessionTemplateRow.CycleWeeksRunMaxLength);
        builder.HasOne<PractitionerRow>().WithMany().HasForeignKey(t => t.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SiteRow>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasVersionToken();
    }
}
