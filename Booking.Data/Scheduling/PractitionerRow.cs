using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A clinician. Never deleted: appointments and past rotas refer to them.</summary>
public sealed class PractitionerRow : IVersionedRow
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Stored as its number (Core appends roles, never renumbers).</summary>
    public PractitionerRole Role { get; set; }

    public List<PractitionerIdentifierRow> Identifiers { get; set; } = [];

    /// <summary>First date the practitioner no longer works here; null while they do.</summary>
    public LocalDate? RetiredOn { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>One professional identifier (GMC, NMC, ...) of a practitioner; at most one per register.</summary>
public sealed class PractitionerIdentifierRow
{
    public int PractitionerId { get; set; }

    public PractitionerIdentifierKind Kind { get; set; }

    public string Value { get; set; } = "";
}

internal sealed class PractitionerRowConfiguration : IEntityTypeConfiguration<PractitionerRow>
{
    public void Configure(EntityTypeBuilder<PractitionerRow> builder)
    {
        builder.ToTable("Practitioners");
        builder.Property(p => p.Name).HasMaxLength(Practitioner.MaxNameLength);
        builder.HasMany(p => p.Identifiers).WithOne().HasForeignKey(i => i.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasVersionToken();
    }
}

internal sealed class PractitionerIdentifierRowConfiguration : IEntityTypeConfiguration<PractitionerIdentifierRow>
{
    public void Configure(EntityTypeBuilder<PractitionerIdentifierRow> builder)
    {
        builder.ToTable("PractitionerIdentifiers");
        builder.HasKey(i => new { i.PractitionerId, i.Kind });
        builder.Property(i => i.Value).HasMaxLength(PractitionerIdentifier.MaxValueLength);
        // One register number belongs to one person.
        builder.HasIndex(i => new { i.Kind, i.Value }).IsUnique();
    }
}
