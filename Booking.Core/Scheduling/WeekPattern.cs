using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// Which weeks a session template runs: every week, or chosen weeks of an N-week cycle counted from an
/// anchor week (e.g. weeks 1 and 3 of 4; alternate weeks). Weeks run Monday to Sunday; week 1 is the week
/// holding the anchor date, and the cycle repeats both forwards and backwards from it.
/// </summary>
public sealed class WeekPattern
{
    /// <summary>Longest cycle accepted, in weeks.</summary>
    public const int MaxCycleWeeks = 52;

    private readonly ulong _weekMask;

    private WeekPattern(int cycleWeeks, ImmutableArray<int> weeks, LocalDate anchorMonday)
    {
        CycleWeeks = cycleWeeks;
        Weeks = weeks;
        AnchorMonday = anchorMonday;
        foreach (var week in weeks)
        {
            _weekMask |= 1UL << (week - 1);
        }
    }

    /// <summary>Every week.</summary>
    public static WeekPattern EveryWeek { get; } = new(1, [1], new LocalDate(2000, 1, 3));

    /// <summary>Length of the cycle in weeks (1 for every week).</summary>
    public int CycleWeeks { get; }

    /// <summary>The weeks of the cycle the template runs, 1-based and ascending.</summary>
    public ImmutableArray<int> Weeks { get; }

    /// <summary>Monday of week 1 of the cycle.</summary>
    public LocalDate AnchorMonday { get; }

    /// <summary>
    /// Chosen weeks of a <paramref name="cycleWeeks"/>-week cycle whose week 1 contains <paramref name="anchor"/>,
    /// e.g. <c>WeeksOfCycle(4, [1, 3], new LocalDate(2026, 1, 5))</c>.
    /// </summary>
    public static WeekPattern WeeksOfCycle(int cycleWeeks, IEnumerable<int> weeks, LocalDate anchor)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        if (cycleWeeks is < 1 or > MaxCycleWeeks)
        {
            throw new ArgumentOutOfRangeException(nameof(cycleWeeks), cycleWeeks, $"A cycle is 1 to {MaxCycleWeeks} weeks.");
        }

        var chosen = weeks.Distinct().Order().ToImmutableArray();
        if (chosen.IsEmpty || chosen[0] < 1 || chosen[^1] > cycleWeeks)
        {
            throw new ArgumentException($"Choose at least one week, each from 1 to {cycleWeeks}.", nameof(weeks));
        }

        return new WeekPattern(cycleWeeks, chosen, MondayOf(anchor));
    }

    /// <summary>Every other week, running in the week that contains <paramref name="anchor"/>.</summary>
    public static WeekPattern AlternateWeeks(LocalDate anchor) => WeeksOfCycle(2, [1], anchor);

    /// <summary>The week of the cycle (1-based) that <paramref name="date"/> falls in.</summary>
    public int WeekOfCycle(LocalDate date)
    {
        var weeksFromAnchor = Period.DaysBetween(AnchorMonday, MondayOf(date)) / 7;
        // Euclidean remainder, so dates before the anchor continue the cycle backwards.
        var index = ((weeksFromAnchor % CycleWeeks) + CycleWeeks) % CycleWeeks;
        return index + 1;
    }

    /// <summary>True when the template runs in the week of <paramref name="date"/>.</summary>
    public bool Matches(LocalDate date) =>
        CycleWeeks == 1 || (_weekMask & (1UL << (WeekOfCycle(date) - 1))) != 0;

    /// <summary>"every week" or e.g. "weeks 1, 3 of 4 from 2026-01-05".</summary>
    public override string ToString() => CycleWeeks == 1
        ? "every week"
        : string.Create(CultureInfo.InvariantCulture, $"weeks {string.Join(", ", Weeks)} of {CycleWeeks} from {AnchorMonday:yyyy-MM-dd}");

    private static LocalDate MondayOf(LocalDate date) =>
        date.DayOfWeek == IsoDayOfWeek.Monday ? date : date.Previous(IsoDayOfWeek.Monday);
}
