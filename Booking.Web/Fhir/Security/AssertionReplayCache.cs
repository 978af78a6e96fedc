using System.Collections.Concurrent;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Remembers each client assertion's <c>jti</c> until the assertion expires, so a captured assertion
/// cannot be replayed for a second token. In memory: one app instance serves one practice (see the
/// SQLite ADR); a second instance would need this in the database.
/// </summary>
internal sealed class AssertionReplayCache(IClock clock)
{
    private readonly ConcurrentDictionary<string, Instant> _seen = new(StringComparer.Ordinal);

    /// <summary>Records the id; false when the same client already used it within its lifetime.</summary>
    public bool TryUse(string clientId, string jti, Instant expires)
    {
        var now = clock.GetCurrentInstant();
        foreach (var (key, until) in _seen)
        {
            if (until < now)
            {
                _seen.TryRemove(key, out _);
            }
        }

        return _seen.TryAdd(clientId + "\n" + jti, expires);
    }
}
