using Booking.Data.Clients;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Remembers each client assertion's <c>jti</c> until the assertion expires, so a captured assertion cannot be
/// replayed for a second token, at this instance or another on the same database (<see cref="ApiTokenStore"/>).
/// </summary>
internal sealed class AssertionReplayCache(ApiTokenStore store)
{
    /// <summary>Records the id; false when the same client already used it within its lifetime.</summary>
    public Task<bool> TryUseAsync(string clientId, string jti, Instant expires) => store.TryUseAssertionAsync(clientId, jti, expires);
}
