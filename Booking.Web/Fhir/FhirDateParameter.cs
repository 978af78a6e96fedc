using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Fhir;

/// <summary>
/// A FHIR date search value with its prefix (<c>ge2026-03-30</c>, <c>le2026-03-30T17:00:00+01:00</c>).
/// A date alone means the whole local day in the practice's zone; a dateTime must carry an offset.
/// </summary>
internal readonly record struct FhirDateParameter(string Prefix, Instant Instant)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern DateTimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm;FFFFFFFFFo<G>");
    private static readonly OffsetDateTimePattern DateTimeWithSecondsPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");

    /// <summary>Parses <c>{ge|le}{date or dateTime}</c>; null with the reason when it cannot.</summary>
    public static FhirDateParameter? TryParse(string name, string text, DateTimeZone zone, out string? problem)
    {
        problem = null;
        if (text.Length < 3 || !(text.StartsWith("ge", StringComparison.Ordinal) || text.StartsWith("le", StringComparison.Ordinal)))
        {
            problem = $"{name}={text}: use the prefix ge or le followed by a date or a dateTime with offset.";
            return null;
        }

        var prefix = text[..2];
        var value = text[2..];
        if (!value.Contains('T', StringComparison.Ordinal))
        {
            var date = DatePattern.Parse(value);
            if (!date.Success)
            {
                problem = $"{name}={text}: '{value}' is not a date (yyyy-MM-dd).";
                return null;
            }

            if (!Booking.Data.Appointments.BookingQueries.SupportedDates.Contains(date.Value))
            {
                problem = OutOfRange(name, text);
                return null;
            }

            // A whole day: ge from its first moment, le up to (excluding) the next day's first moment.
            var day = prefix == "ge" ? date.Value : date.Value.PlusDays(1);
            return new FhirDateParameter(prefix, day.AtStartOfDayInZone(zone).ToInstant());
        }

        var parsed = DateTimeWithSecondsPattern.Parse(value);
        if (!parsed.Success)
        {
            parsed = DateTimePattern.Parse(value);
        }

        if (!parsed.Success || !HasOffset(value))
        {
            problem = $"{name}={text}: '{value}' is not a dateTime with an offset (e.g. 2026-03-30T09:00:00+01:00).";
            return null;
        }

        if (!Booking.Data.Appointments.BookingQueries.SupportedDates.Contains(parsed.Value.Date))
        {
            problem = OutOfRange(name, text);
            return null;
        }

        return new FhirDateParameter(prefix, parsed.Value.ToInstant());
    }

    private static string OutOfRange(string name, string text)
    {
        var supported = Booking.Data.Appointments.BookingQueries.SupportedDates;
        return FormattableString.Invariant($"{name}={text}: dates from {supported.Start:yyyy-MM-dd} to {supported.End:yyyy-MM-dd} can be searched.");
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal);

    public override string ToString() => Prefix + Instant.ToString(null, CultureInfo.InvariantCulture);
}
