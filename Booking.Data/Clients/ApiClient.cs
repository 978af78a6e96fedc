using Booking.Core.Organisations;
using Booking.Core.Release;
using NodaTime;

namespace Booking.Data.Clients;

/// <summary>A registered external API client, as the FHIR facade authenticates and authorises it.</summary>
/// <param name="ClientId">The id it signs its tokens with.</param>
/// <param name="Name">Display name, e.g. "NHS 111 (Example Trust)".</param>
/// <param name="OdsCode">The organisation's ODS code.</param>
/// <param name="Channel">The channel its bookings are made on: online, or its organisation with its type.</param>
/// <param name="Scopes">Granted scopes.</param>
/// <param name="JwksJson">Its public keys (a JSON Web Key Set).</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="RevokedAt">When access was withdrawn; null while it may call.</param>
public sealed record ApiClient(
    string ClientId,
    string Name,
    OdsCode OdsCode,
    Channel Channel,
    IReadOnlyList<string> Scopes,
    string JwksJson,
    Instant CreatedAt,
    Instant? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>What a manager enters to register a client. <paramref name="ChannelKind"/> is Online or Organisation.</summary>
public sealed record ApiClientRegistration(
    string ClientId,
    string Name,
    OdsCode OdsCode,
    ChannelKind ChannelKind,
    string? OrganisationType,
    IReadOnlyList<string> Scopes,
    string JwksJson);
