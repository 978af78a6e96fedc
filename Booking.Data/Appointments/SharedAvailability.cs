using System.Collections.Concurrent;
using Booking.Core.Release;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>
/// Reception's availability for a range of days, judged once and shared by every open appointment book that asks within
/// <see cref="MaxAge"/>: a booking on a busy day notifies every book showing it at the same moment, and a hundred books
/// each judging the same 966 slots would queue the last one's redraw behind ninety-nine identical reads. A shared answer
/// is dropped the moment any appointment or configuration change commits (it may predate it), and is never older than
/// the instant its caller needs verdicts for (an embargo lifting, a slot starting). Register as a singleton.
/// </summary>
public sealed class SharedAvailability
{
    /// <summary>How long one judging is shared; verdicts also move with time alone, so not for long.</summary>
    public static readonly Duration MaxAge = Duration.FromSeconds(1);

    private static readonly Caller Reception = new(Channel.Reception);

    private readonly ConcurrentDictionary<DateInterval, Judged> _judged = new();
    private readonly BookingQueries _queries;
    private readonly IClock _clock;
    private long _changes;

    public SharedAvailability(BookingQueries queries, AppointmentChangeFeed appointments, ConfigurationChangeFeed configuration, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(configuration);
        _queries = queries;
        _clock = clock;

        // Singletons for the process's life: the subscriptions end with it.
        appointments.Subscribe(_ => Changed());
        configuration.Subscribe(_ => Changed());
    }

    /// <summary>Reception's availability on <paramref name="dates"/>, judged no earlier than <paramref name="notBefore"/>.</summary>
    public Task<Availability> GetAsync(DateInterval dates, Instant notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var changes = Volatile.Read(ref _changes);
        var now = _clock.GetCurrentInstant();
        if (_judged.TryGetValue(dates, out var shared) && shared.Changes == changes && shared.At >= notBefore && now - shared.At < MaxAge
            && !shared.Task.IsFaulted && !shared.Task.IsCanceled)
        {
            return shared.Task.WaitAsync(cancellationToken);
        }

        // Judged with no caller's token: other books may be waiting on it when this caller goes away.
        var judging = _queries.GetAvailabilityAsync(Reception, dates, CancellationToken.None);
        _judged[dates] = new Judged(judging, now, changes);
        foreach (var stale in _judged.Where(j => now - j.Value.At >= MaxAge))
        {
            _judged.TryRemove(stale);
        }

        return judging.WaitAsync(cancellationToken);
    }

    private void Changed()
    {
        Interlocked.Increment(ref _changes);
        _judged.Clear();
    }

    private sealed record Judged(Task<Availability> Task, Instant At, long Changes);
}
