using Booking.Core.Release;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Release;

/// <summary>
/// A channel paused for some days (the brake for busy days). Lifted rather than deleted, so the reports can later say
/// when a channel was paused, for how long and why.
/// </summary>
public sealed class ChannelPauseRow : IVersionedRow
{
    public int Id { get; set; }

    public PausableChannel Channel { get; set; }

    public LocalDate FirstDay { get; set; }

    public LocalDate LastDay { get; set; }

    public string Reason { get; set; } = "";

    public Instant PausedAt { get; set; }

    /// <summary>When the pause was lifted before its last day ended; null while it stands.</summary>
    public Instant? LiftedAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class ChannelPauseRowConfiguration : IEntityTypeConfiguration<ChannelPauseRow>
{
    public void Configure(EntityTypeBuilder<ChannelPauseRow> builder)
    {
        builder.ToTable("ChannelPauses");
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Reason).HasMaxLength(ChannelPause.MaxReasonLength);
        builder.HasIndex(p => p.LastDay);
        builder.HasVersionToken();
    }
}
