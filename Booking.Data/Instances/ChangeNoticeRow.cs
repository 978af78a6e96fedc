using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Instances;

/// <summary>
/// A committed change, written in the change's own write transaction, so that every other app instance on the
/// database (and the app, for a command run in another process) hears of it and tells its open screens and caches:
/// what the in-process change feeds do within one process, across processes (<see cref="ChangeNoticeRelay"/>).
/// Ids are given under the write lock, so they rise in commit order. No patient data: ids, dates and versions only.
/// </summary>
public sealed class ChangeNoticeRow
{
    public const int ListMaxLength = 400;

    public const string AppointmentKind = "appointment";

    public const string ConfigurationKind = "configuration";

    public long Id { get; set; }

    /// <summary>The process that made the change (<see cref="AppInstance.Id"/>); it has told its own screens already.</summary>
    public Guid Instance { get; set; }

    /// <summary><see cref="AppointmentKind"/> or <see cref="ConfigurationKind"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The appointment that changed (appointment notices).</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>The audit action, e.g. <c>appointment.booked</c> (appointment notices).</summary>
    public string? Action { get; set; }

    /// <summary>The practice-local dates touched, ISO, space-separated (appointment notices).</summary>
    public string? Dates { get; set; }

    /// <summary>The slots touched, space-separated (appointment notices).</summary>
    public string? Slots { get; set; }

    /// <summary>The practice's configuration version after the change (configuration notices).</summary>
    public long? ConfigurationVersion { get; set; }

    public Instant WrittenAt { get; set; }
}

/// <summary>
/// A fixed window of one rate limit partition (an API client, or an address), counted in the database so that every
/// app instance on a server database draws on one allowance (<c>SharedRateLimits</c>).
/// </summary>
public sealed class RateLimitWindowRow
{
    public const int PartitionMaxLength = 200;

    /// <summary>What is limited, e.g. <c>fhir:client:nhs111</c>.</summary>
    public string Partition { get; set; } = "";

    /// <summary>When the window began.</summary>
    public Instant WindowStart { get; set; }

    /// <summary>Permits handed out of this window so far, by every instance.</summary>
    public int Used { get; set; }
}

internal sealed class ChangeNoticeRowConfiguration : IEntityTypeConfiguration<ChangeNoticeRow>
{
    public void Configure(EntityTypeBuilder<ChangeNoticeRow> builder)
    {
        builder.ToTable("ChangeNotices");
        builder.Property(n => n.Kind).HasMaxLength(20);
        builder.Property(n => n.Action).HasMaxLength(64);
        builder.Property(n => n.Dates).HasMaxLength(ChangeNoticeRow.ListMaxLength);
        builder.Property(n => n.Slots).HasMaxLength(ChangeNoticeRow.ListMaxLength);
        builder.HasIndex(n => n.WrittenAt);
    }
}

internal sealed class RateLimitWindowRowConfiguration : IEntityTypeConfiguration<RateLimitWindowRow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindowRow> builder)
    {
        builder.ToTable("RateLimitWindows");
        builder.HasKey(w => new { w.Partition, w.WindowStart });
        builder.Property(w => w.Partition).HasMaxLength(RateLimitWindowRow.PartitionMaxLength);
        builder.HasIndex(w => w.WindowStart);
    }
}
