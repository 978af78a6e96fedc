using Booking.Core.Organisations;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Booking.Data.Scheduling;

/// <summary>The practice itself: exactly one row per database (one practice per file).</summary>
public sealed class PracticeRow
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    /// <summary>Longest IANA zone id stored.</summary>
    public const int TimeZoneIdMaxLength = 64;

    public int Id { get; set; } = SingletonId;

    public string OdsCode { get; set; } = "";

    public string Name { get; set; } = "";

    public int RegisteredListSize { get; set; }

    /// <summary>IANA zone id; <see cref="PracticeTime.ZoneId"/> for every practice in England.</summary>
    public string TimeZoneId { get; set; } = PracticeTime.ZoneId;

    /// <summary>
    /// Raised by every configuration change (rota, rules, quotas, services, ...) in the change's own transaction.
    /// Readers compare it with the version they cached, so a cache can never outlive the configuration it copied,
    /// even when another process made the change. It is also the practice row's concurrency token.
    /// </summary>
    public long ConfigurationVersion { get; set; }
}

internal sealed class PracticeRowConfiguration : IEntityTypeConfiguration<PracticeRow>
{
    public void Configure(EntityTypeBuilder<PracticeRow> builder)
    {
        builder.ToTable("Practice");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.OdsCode).HasMaxLength(OdsCode.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(Practice.MaxNameLength);
        builder.Property(p => p.TimeZoneId).HasMaxLength(PracticeRow.TimeZoneIdMaxLength);
        builder.Property(p => p.ConfigurationVersion).IsConcurrencyToken();
    }
}
