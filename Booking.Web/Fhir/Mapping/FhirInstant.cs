using NodaTime;
using NodaTime.Text;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir.Mapping;

/// <summary>
/// FHIR <c>instant</c>/<c>dateTime</c> values: whole seconds, always written, and the UK local offset of that moment
/// (<c>2026-03-30T09:00:00+01:00</c>), as docs/fhir-contract.md requires.
/// </summary>
internal static class FhirInstant
{
    private static readonly OffsetDateTimePattern Pattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static string Format(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>An R4 <c>instant</c>: the SDK writes a DateTimeOffset with its own offset, and no fraction when it has none.</summary>
    public static R4.Instant Element(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).ToOffsetDateTime().ToDateTimeOffset();
        return new R4.Instant(local.AddTicks(-(local.Ticks % TimeSpan.TicksPerSecond)));
    }

    /// <summary>True when the client's <c>instant</c> names exactly <paramref name="expected"/>, whatever offset it was written in.</summary>
    public static bool Names(R4.Instant? element, Instant expected) =>
        element?.Value is { } value && Instant.FromDateTimeOffset(value) == expected;
}
