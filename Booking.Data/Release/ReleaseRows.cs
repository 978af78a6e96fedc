using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Release;

/// <summary>
/// Columns every versioned release setting shares. A change never edits what a version says: it ends the old
/// version (<see cref="EffectiveTo"/> = the day before the change) and adds a new one that
/// <see cref="ReplacesId"/> it, so a past day is always explained with the settings in force for it.
/// </summary>
public interface IEffectiveVersionRow : IVersionedRow
{
    int Id { get; }

    /// <summary>First slot date governed (inclusive).</summary>
    LocalDate EffectiveFrom { get; set; }

    /// <summary>Last slot date governed (inclusive); null while open-ended.</summary>
    LocalDate? EffectiveTo { get; set; }

    /// <summary>The version this one replaced; null for a first version.</summary>
    int? ReplacesId { get; set; }
}

/// <summary>One version of a release rule (see <see cref="ReleaseRule"/>).</summary>
public sealed class ReleaseRuleRow : IEffectiveVersionRow
{
    public int Id { get; set; }

    public ReleaseLevel Level { get; set; }

    /// <summary>The service, for a service-level rule.</summary>
    public int? ServiceId { get; set; }

    /// <summary>Template or one-off, for a session-level rule.</summary>
    public SessionSourceKind? SessionKind { get; set; }

    /// <summary>The template or one-off id, for a session-level rule.</summary>
    public int? SessionId { get; set; }

    /// <summary>The slot, for a slot-level rule.</summary>
    public string? SlotId { get; set; }

    /// <summary>Who may book, with per-channel overrides, as JSON (see <see cref="ReleaseJson"/>).</summary>
    public string Channels { get; set; } = "";

    /// <summary>Terms shared by every listed channel, as JSON.</summary>
    public string DefaultTerms { get; set; } = "";

    /// <summary>Optional hand-back, as JSON.</summary>
    public string? HandBack { get; set; }

    public LocalDate EffectiveFrom { get; set; }

    public LocalDate? EffectiveTo { get; set; }

    public int? ReplacesId { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>One version of a quota (see <see cref="Quota"/>).</summary>
public sealed class QuotaRow : IEffectiveVersionRow
{
    public int Id { get; set; }

    /// <summary>Whose bookings it caps, as JSON (see <see cref="ReleaseJson"/>).</summary>
    public string Channel { get; set; } = "";

    public QuotaPeriod Per { get; set; }

    /// <summary>True for a share (<see cref="LimitValue"/> is a percentage), false for a count.</summary>
    public bool IsShare { get; set; }

    public int LimitValue { get; set; }

    public int? ServiceId { get; set; }

    public IsoDayOfWeek? OnlyOn { get; set; }

    public LocalDate EffectiveFrom { get; set; }

    public LocalDate? EffectiveTo { get; set; }

    public int? ReplacesId { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>One version of the per-patient cap (see <see cref="PatientCap"/>); the version in force today applies.</summary>
public sealed class PatientCapRow : IEffectiveVersionRow
{
    public int Id { get; set; }

    public int MaxFutureBookings { get; set; }

    /// <summary>The channels the cap refuses, as JSON (see <see cref="ReleaseJson"/>).</summary>
    public string AppliesTo { get; set; } = "";

    public LocalDate EffectiveFrom { get; set; }

    public LocalDate? EffectiveTo { get; set; }

    public int? ReplacesId { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class ReleaseRuleRowConfiguration : IEntityTypeConfiguration<ReleaseRuleRow>
{
    public void Configure(EntityTypeBuilder<ReleaseRuleRow> builder)
    {
        builder.ToTable("ReleaseRules");
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.SessionKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.SlotId).HasMaxLength(SlotId.MaxLength);
        builder.HasOne<ServiceRow>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ReleaseRuleRow>().WithMany().HasForeignKey(r => r.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasVersionToken();
    }
}

internal sealed class QuotaRowConfiguration : IEntityTypeConfiguration<QuotaRow>
{
    public void Configure(EntityTypeBuilder<QuotaRow> builder)
    {
        builder.ToTable("Quotas");
        builder.Property(q => q.Per).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ServiceRow>().WithMany().HasForeignKey(q => q.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuotaRow>().WithMany().HasForeignKey(q => q.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasVersionToken();
    }
}

internal sealed class PatientCapRowConfiguration : IEntityTypeConfiguration<PatientCapRow>
{
    public void Configure(EntityTypeBuilder<PatientCapRow> builder)
    {
        builder.ToTable("PatientCaps");
        builder.HasOne<PatientCapRow>().WithMany().HasForeignKey(c => c.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasVersionToken();
    }
}
