using System.Collections.Immutable;
using Booking.Core.Appointments;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>An appointment changed and its transaction committed: which one, what happened and which days it touched.</summary>
/// <param name="Id">The appointment that changed (after a move, the original).</param>
/// <param name="Action">The audit action, e.g. <c>appointment.booked</c>.</param>
/// <param name="Dates">The practice-local dates of the slots involved (a move touches two).</param>
public sealed record AppointmentChangeNotice(AppointmentId Id, string Action, IReadOnlyList<LocalDate> Dates)
{
    /// <summary>Whether the change touched a day in <paramref name="range"/>.</summary>
    public bool Touches(DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return Dates.Any(range.Contains);
    }
}

/// <summary>
/// Tells the screens open in this process that an appointment changed, the moment its transaction commits, so an
/// appointment book shows a booking made at another desk or through the FHIR API at once instead of at its next poll.
/// Subscribers are called on the writer's thread and must only schedule work, never block. Writers in another process
/// (a second instance, an admin command) are not seen here; screens keep a slow poll for those.
/// </summary>
public sealed class AppointmentChangeFeed(ILogger<AppointmentChangeFeed> logger)
{
    private readonly object _gate = new();
    private ImmutableArray<Action<AppointmentChangeNotice>> _subscribers = [];

    /// <summary>Calls <paramref name="onChange"/> after every committed change until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<AppointmentChangeNotice> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    internal void Publish(AppointmentChangeNotice notice)
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
                // The booking has committed; a broken screen must not turn it into an error for the caller.
                logger.LogWarning(exception, "A subscriber failed on the change to appointment {AppointmentId}", notice.Id);
            }
        }
    }

    private void Unsubscribe(Action<AppointmentChangeNotice> onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(onChange);
        }
    }

    private sealed class Subscription(AppointmentChangeFeed feed, Action<AppointmentChangeNotice> onChange) : IDisposable
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
