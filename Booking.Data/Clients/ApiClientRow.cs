using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Clients;

/// <summary>
/// An external system allowed to call the FHIR API (NHS 111, a hub, a patient app). It proves itself with a JWT
/// signed by a key in <see cref="JwksJson"/>; the channel it books through follows from its registration, never
/// from what it claims in a request. Revoked rather than deleted, so past bookings still name it.
/// </summary>
public sealed class ApiClientRow : IVersionedRow
{
    public const int ClientIdMaxLength = 100;
    public const int NameMaxLength = 100;
    public const int ScopesMaxLength = 500;

    public int Id { get; set; }

    /// <summary>The <c>iss</c>/<c>sub</c> the client signs its tokens with; unique.</summary>
    public string ClientId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The organisation's ODS code (recorded on its bookings).</summary>
    public string OdsCode { get; set; } = "";

    /// <summary>Online for a patient app, Organisation for NHS 111 or a hub; never Reception.</summary>
    public ChannelKind ChannelKind { get; set; }

    /// <summary>The organisation type release rules address, e.g. <c>urgent-care</c>; null when none.</summary>
    public string? OrganisationType { get; set; }

    /// <summary>Granted scopes, space-separated (e.g. <c>slot.read appointment.write</c>).</summary>
    public string Scopes { get; set; } = "";

    /// <summary>The client's public keys as a JSON Web Key Set document.</summary>
    public string JwksJson { get; set; } = "";

    public Instant CreatedAt { get; set; }

    /// <summary>When access was withdrawn; null while the client may call.</summary>
    public Instant? RevokedAt { get; set; }

    public int Version { get; set; } = 1;
}

internal sealed class ApiClientRowConfiguration : IEntityTypeConfiguration<ApiClientRow>
{
    public void Configure(EntityTypeBuilder<ApiClientRow> builder)
    {
        builder.ToTable("ApiClients");
        builder.Property(c => c.ClientId).HasMaxLength(ApiClientRow.ClientIdMaxLength);
        builder.Property(c => c.Name).HasMaxLength(ApiClientRow.NameMaxLength);
        builder.Property(c => c.OdsCode).HasMaxLength(OdsCode.MaxLength);
        builder.Property(c => c.ChannelKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OrganisationType).HasMaxLength(AppointmentRow.OrganisationTypeMaxLength);
        builder.Property(c => c.Scopes).HasMaxLength(ApiClientRow.ScopesMaxLength);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasVersionToken();
    }
}
