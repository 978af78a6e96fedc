using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Scheduling;

/// <summary>A service (appointment type). Never deleted: appointments and past rotas refer to it.</summary>
public sealed class ServiceRow : IVersionedRow
{
    /// <summary>Room for every role number, comma-separated.</summary>
    public const int EligibleRolesMaxLength = 100;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public int DefaultLengthMinutes { get; set; }

    /// <summary>Stored as its number (Core appends modes, never renumbers).</summary>
    public DeliveryMode DeliveryMode { get; set; }

    /// <summary>Stored as its number (the national list is appended to, never renumbered).</summary>
    public NationalAppointmentCategory Category { get; set; }

    /// <summary>The role numbers that may deliver it, ascending and comma-separated, e.g. <c>1,2</c>.</summary>
    public string EligibleRoles { get; set; } = "";

    public bool IsBookable { get; set; }

    /// <summary>First date the service is no longer offered; null while it is. A retired service is never offered.</summary>
    public LocalDate? RetiredOn { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class ServiceRowConfiguration : IEntityTypeConfiguration<ServiceRow>
{
    public void Configure(EntityTypeBuilder<ServiceRow> builder)
    {
        builder.ToTable("Services");
        builder.Property(s => s.Name).HasMaxLength(Service.MaxNameLength);
        builder.Property(s => s.EligibleRoles).HasMaxLength(ServiceRow.EligibleRolesMaxLength);
        builder.HasVersionToken();
    }
}
