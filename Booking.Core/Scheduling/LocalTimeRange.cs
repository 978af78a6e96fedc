using NodaTime;
using NodaTime.Text;

namespace Booking.Core.Scheduling;

/// <summary>
/// A half-open span of wall-clock time within one day, [<see cref="Start"/>, <see cref="End"/>), in the
/// practice's local time. End is after start (a range never crosses midnight) and both are whole minutes,
/// because slot ids carry the start as <c>HHmm</c>.
/// </summary>
public sealed record LocalTimeRange
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Creates the range [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public LocalTimeRange(LocalTime start, LocalTime end)
    {
        RequireWholeMinute(start, nameof(start));
        RequireWholeMinute(end, nameof(end));
        if (end <= start)
        {
            throw new ArgumentException($"A time range ends after it starts ({Pattern.Format(start)}–{Pattern.Format(end)}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>First minute inside the range.</summary>
    public LocalTime Start { get; }

    /// <summary>First minute after the range (exclusive).</summary>
    public LocalTime End { get; }

    /// <summary>Length in whole minutes (at least 1).</summary>
    public int Minutes => (int)((End.TickOfDay - Start.TickOfDay) / NodaConstants.TicksPerMinute);

    /// <summary>Parses <c>HH:mm-HH:mm</c> (e.g. <c>08:30-11:30</c>); for seed data and tests.</summary>
    public static LocalTimeRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"'{text}' is not a time range like 08:30-11:30.");
        }

        return new LocalTimeRange(Pattern.Parse(parts[0]).Value, Pattern.Parse(parts[1]).Value);
    }

    /// <summary>True when the two ranges share at least one instant of wall-clock time (touching ends do not).</summary>
    public bool Overlaps(LocalTimeRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End;
    }

    /// <summary>True when <paramref name="other"/> lies wholly inside this range.</summary>
    public bool Contains(LocalTimeRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start <= other.Start && other.End <= End;
    }

    /// <summary><c>HH:mm-HH:mm</c>.</summary>
    public override string ToString() => Pattern.Format(Start) + "-" + Pattern.Format(End);

    private static void RequireWholeMinute(LocalTime time, string paramName)
    {
        if (time.Second != 0 || time.NanosecondOfSecond != 0)
        {
            throw new ArgumentException("Rota times are whole minutes.", paramName);
        }
    }
}
