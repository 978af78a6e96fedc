using System.Collections.Concurrent;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// The registered clients behind tokens, read once and kept for every request of theirs: reading the client from the
/// database on each request was the larger part of a slot search's cost. A registration, key change or revocation made
/// in this process is a configuration change and drops every kept client the moment it commits; one made by the
/// <c>clients</c> command (another process, no notice here) is seen within <see cref="MaxAge"/>, when a kept client is
/// read again. Register as a singleton.
/// </summary>
internal sealed class ActiveClients
{
    /// <summary>How long a client is kept before it is read again, for revocations made in another process.</summary>
    public static readonly Duration MaxAge = Duration.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private readonly ConfigurationStore _store;
    private readonly IClock _clock;
    private long _changes;

    public ActiveClients(ConfigurationStore store, ConfigurationChangeFeed changes, IClock clock)
    {
        _store = store;
        _clock = clock;

        // A singleton for the process's life: the subscription ends with it.
        changes.Subscribe(_ =>
        {
            Interlocked.Increment(ref _changes);
            _kept.Clear();
        });
    }

    /// <summary>The client registered as <paramref name="clientId"/>, revoked or not; null when there is none.</summary>
    public async Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var changes = Volatile.Read(ref _changes);
        if (_kept.TryGetValue(clientId, out var kept) && kept.Changes == changes && now >= kept.ReadAt && now - kept.ReadAt < MaxAge)
        {
            return kept.Client;
        }

        // Counted before reading: a change committing during the read leaves this entry stale, never current.
        var client = await _store.GetApiClientAsync(clientId, cancellationToken);
        if (client is not null)
        {
            // Only registered ids are kept, so a caller cannot fill the cache with made-up ones.
            _kept[clientId] = new Kept(client, now, changes);
        }

        return client;
    }

    private sealed record Kept(ApiClient Client, Instant ReadAt, long Changes);
}
