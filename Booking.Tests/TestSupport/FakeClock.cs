using NodaTime;

namespace Booking.Tests.TestSupport;

/// <summary>
/// A clock the test sets and moves (NodaTime.Testing is not in our package source). Safe to read from
/// several threads, so concurrency tests can share one.
/// </summary>
public sealed class FakeClock : IClock
{
    private readonly object _gate = new();
    private Instant _now;

    public FakeClock(Instant now) => _now = now;

    /// <summary>A clock showing <paramref name="local"/> in <paramref name="zone"/> (strictly: the time must exist and be unambiguous).</summary>
    public static FakeClock At(LocalDateTime local, DateTimeZone zone) => new(local.InZoneStrictly(zone).ToInstant());

    public Instant Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }

        set
        {
            lock (_gate)
            {
                _now = value;
            }
        }
    }

    public Instant GetCurrentInstant() => Now;

    /// <summary>Moves the clock forward (or back, with a negative duration).</summary>
    public void Advance(Duration by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
