using System.Diagnostics;
using NodaTime;

namespace Booking.Load.Harness;

/// <summary>
/// The harness's clock: starts at a chosen instant and runs at real speed, like the app's Development clock
/// (<c>Booking:FixedNow</c>), so staff bookings made in the harness and FHIR bookings made in the app share a day.
/// <see cref="Reset"/> follows the app when it is restarted on another day.
/// </summary>
public sealed class RunningClock : IClock
{
    private readonly object _gate = new();
    private Instant _start;
    private Stopwatch _sinceStart;

    public RunningClock(Instant start)
    {
        _start = start;
        _sinceStart = Stopwatch.StartNew();
    }

    public static RunningClock At(LocalDateTime local, DateTimeZone zone) => new(local.InZoneLeniently(zone).ToInstant());

    public void Reset(LocalDateTime local, DateTimeZone zone)
    {
        lock (_gate)
        {
            _start = local.InZoneLeniently(zone).ToInstant();
            _sinceStart = Stopwatch.StartNew();
        }
    }

    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            return _start + Duration.FromTimeSpan(_sinceStart.Elapsed);
        }
    }
}
