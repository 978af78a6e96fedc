using NodaTime;

namespace Booking.Core.Time;

/// <summary>
/// The practice's civil time: the <c>Europe/London</c> zone from the IANA (TZDB) database shipped with
/// NodaTime, and "today" and "now" read from an injected <see cref="IClock"/> (no rule reads the system clock).
/// </summary>
public static class PracticeTime
{
    /// <summary>IANA id of the zone every practice in England and Wales keeps.</summary>
    public const string ZoneId = "Europe/London";

    /// <summary>The <c>Europe/London</c> zone (GMT in winter, BST from the last Sunday of March to the last Sunday of October).</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>The current local date in <paramref name="zone"/> (the practice zone when omitted).</summary>
    public static LocalDate Today(IClock clock, DateTimeZone? zone = null) =>
        Now(clock, zone).Date;

    /// <summary>The current instant seen in <paramref name="zone"/> (the practice zone when omitted).</summary>
    public static ZonedDateTime Now(IClock clock, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetCurrentInstant().InZone(zone ?? Zone);
    }
}
