using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Fhir;

/// <summary>
/// A FHIR <c>date</c> search value on an instant (an appointment's start), with the prefixes eq (the default), ge, le,
/// gt and lt. The value is a range: a date is the whole local day in the practice's zone, a dateTime (with an offset)
/// the second it names. Per the FHIR search rules, for a start instant s and the range [low, high): eq is low ≤ s &lt; high,
/// ge is s ≥ low, gt is s ≥ high, le is s &lt; high, lt is s &lt; low.
/// </summary>
internal readonly record struct FhirDateSearch(string Prefix, Instant Low, Instant High)
{
    private static readonly string[] Prefixes = ["eq", "ge", "le", "gt", "lt"];
    private static readonly OffsetDateTimePattern DateTimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>");

    /// <summary>Parses <c>[prefix]{date or dateTime}</c>; null with the reason when it cannot.</summary>
    public static FhirDateSearch? TryParse(string name, string text, DateTimeZone zone, out string? problem)
    {
        problem = null;
        var prefix = text.Length > 2 && char.IsAsciiLetterLower(text[0]) && char.IsAsciiLetterLower(text[1]) ? text[..2] : "eq";
        var value = text.Length > 2 && char.IsAsciiLetterLower(text[0]) ? text[2..] : text;
        if (!Prefixes.Contains(prefix))
        {
            problem = $"{name}={text}: the prefix must be eq, ge, le, gt or lt.";
            return null;
        }

        if (!value.Contains('T', StringComparison.Ordinal))
        {
            var date = LocalDatePattern.Iso.Parse(value);
            if (!date.Success || !Booking.Data.Appointments.BookingQueries.SupportedDates.Contains(date.Value))
            {
                problem = $"{name}={text}: '{value}' is not a date (yyyy-MM-dd) the appointment book covers.";
                return null;
            }

            return new FhirDateSearch(prefix, date.Value.AtStartOfDayInZone(zone).ToInstant(), date.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        }

        var parsed = DateTimePattern.Parse(value);
        if (!parsed.Success || !Booking.Data.Appointments.BookingQueries.SupportedDates.Contains(parsed.Value.Date))
        {
            problem = $"{name}={text}: '{value}' is not a dateTime with seconds and an offset (e.g. 2026-03-30T09:00:00+01:00).";
            return null;
        }

        var instant = parsed.Value.ToInstant();
        return new FhirDateSearch(prefix, instant, instant + Duration.FromSeconds(1));
    }

    /// <summary>Whether <paramref name="start"/> matches this value.</summary>
    public bool Matches(Instant start) => Prefix switch
    {
        "ge" => start >= Low,
        "gt" => start >= High,
        "le" => start < High,
        "lt" => start < Low,
        _ => start >= Low && start < High,
    };
}
