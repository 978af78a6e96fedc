using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Booking.Data;

/// <summary>
/// Tells the screens open in this process that something committed, the moment its transaction commits. Subscribers are
/// called on the writer's thread and must only schedule work, never block. Writers in another process (a second
/// instance, an admin command) are not seen here.
/// </summary>
/// <typeparam name="TNotice">What a notice says about the change.</typeparam>
public abstract class ChangeFeed<TNotice>(ILogger logger)
{
    private readonly object _gate = new();
    private ImmutableArray<Action<TNotice>> _subscribers = [];

    /// <summary>Calls <paramref name="onChange"/> after every committed change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<TNotice> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    internal void Publish(TNotice notice)
    {
        // Copy-on-write array: publishing never takes the lock a subscribing page may be waiting on.
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(notice);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The change has committed; a broken screen must not turn it into an error for the caller.
                logger.LogWarning(exception, "A subscriber failed on {Notice}", notice);
            }
        }
    }

    private void Unsubscribe(Action<TNotice> onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(onChange);
        }
    }

    private sealed class Subscription(ChangeFeed<TNotice> feed, Action<TNotice> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(onChange);
            }
        }
    }
}
