using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>NodaTime.Testing clocks set to a practice-local time.</summary>
public static class TestClock
{
    /// <summary>
    /// A clock showing <paramref name="local"/> in <paramref name="zone"/>; the time must exist and be unambiguous,
    /// so a test never starts inside a clock change by accident.
    /// </summary>
    public static FakeClock At(LocalDateTime local, DateTimeZone zone) => new(local.InZoneStrictly(zone).ToInstant());
}
