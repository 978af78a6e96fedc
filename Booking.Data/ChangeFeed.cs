using System.Collections.Immutable;
using Booking.Data.Instances;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data;

/// <summary>
/// Tells the screens and caches of this process that something committed, the moment its transaction commits.
/// Subscribers are called on the writer's thread and must only schedule work, never block. A writer also records its
/// notice in its own transaction (<see cref="Record"/>), and <see cref="ChangeNoticeRelay"/> publishes here, within a
/// fraction of a second, the changes other processes on the database (other instances, an operator command) committed.
/// </summary>
/// <typeparam name="TNotice">What a notice says about the change.</typeparam>
public abstract class ChangeFeed<TNotice>
    where TNotice : class
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private ImmutableArray<Action<TNotice>> _subscribers = [];

    /// <param name="logger">Where a failing subscriber is reported.</param>
    /// <param name="instance">The instance the notices this process records name; this process's when null.</param>
    protected ChangeFeed(ILogger logger, AppInstance? instance)
    {
        _logger = logger;
        Instance = instance ?? AppInstance.ThisProcess;
    }

    /// <summary>The instance whose writers publish here directly; its recorded notices are not relayed back to it.</summary>
    public AppInstance Instance { get; }

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

    /// <summary>
    /// Adds <paramref name="notice"/> to the writer's unsaved changes, so it commits with the change it describes (or
    /// not at all) and the other instances' relays pass it on. Call inside the write transaction, before saving.
    /// </summary>
    internal void Record(BookingDbContext db, TNotice notice, Instant at)
    {
        foreach (var row in ToRows(notice))
        {
            row.Instance = Instance.Id;
            row.WrittenAt = at;
            db.ChangeNotices.Add(row);
        }
    }

    /// <summary>The rows that carry <paramref name="notice"/> to the other instances (one, unless its lists do not fit one).</summary>
    private protected abstract IEnumerable<ChangeNoticeRow> ToRows(TNotice notice);

    /// <summary>The notice a row of this feed's kind carries; null for another kind's row or one this version cannot read.</summary>
    internal abstract TNotice? FromRow(ChangeNoticeRow row);

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
                _logger.LogWarning(exception, "A subscriber failed on {Notice}", notice);
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
