using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Fhir.Mapping;

/// <summary>
/// FHIR <c>instant</c>/<c>dateTime</c> text: seconds always present and the UK local offset of that
/// moment (<c>2026-03-30T09:00:00+01:00</c>), as docs/fhir-contract.md requires.
/// </summary>
internal static class FhirInstant
{
    private static readonly OffsetDateTimePattern Pattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static string Format(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone).ToOffsetDateTime());
}
