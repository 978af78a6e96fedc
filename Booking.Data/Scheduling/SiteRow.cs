using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A site (FHIR Location). Never deleted: appointments and past rotas refer to it.</summary>
public sealed class SiteRow : IVersionedRow
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>First date the site is no longer used; null while it is in use.</summary>
    public LocalDate? RetiredOn { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class SiteRowConfiguration : IEntityTypeConfiguration<SiteRow>
{
    public void Configure(EntityTypeBuilder<SiteRow> builder)
    {
        builder.ToTable("Sites");
        builder.Property(s => s.Name).HasMaxLength(Site.MaxNameLength);
        builder.HasVersionToken();
    }
}
