using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Booking.Core.Time;

/// <summary>
/// England and Wales bank holidays, computed from the standing rules (Banking and Financial Dealings Act
/// 1971 and the royal proclamations that repeat every year), plus one-off changes as data: dates a
/// proclamation added (a jubilee, a state funeral) and rule dates it removed or moved. Immutable: the
/// <c>With…</c> methods return a new calendar.
/// </summary>
/// <remarks>
/// Standing rules: New Year's Day, Good Friday, Easter Monday, the first Monday of May, the last Monday of
/// May, the last Monday of August, Christmas Day and Boxing Day. New Year's Day on a Saturday or Sunday
/// moves to the Monday after. When Christmas Day or Boxing Day falls at a weekend, the holiday moves to the
/// next weekday not already a holiday: Christmas on a Saturday gives Monday 27 and Tuesday 28; on a Sunday,
/// Boxing Day stays Monday 26 and Christmas moves to Tuesday 27; Boxing Day on a Saturday moves to Monday 28.
/// </remarks>
public sealed class BankHolidayCalendar
{
    private const string SubstituteSuffix = " (substitute day)";

    private readonly ImmutableDictionary<LocalDate, BankHoliday> _additions;
    private readonly ImmutableHashSet<LocalDate> _removals;

    private BankHolidayCalendar(ImmutableDictionary<LocalDate, BankHoliday> additions, ImmutableHashSet<LocalDate> removals)
    {
        _additions = additions;
        _removals = removals;
    }

    /// <summary>The standing rules only, without any one-off change.</summary>
    public static BankHolidayCalendar StandingRules { get; } =
        new(ImmutableDictionary<LocalDate, BankHoliday>.Empty, []);

    /// <summary>
    /// The standing rules with the one-off changes proclaimed for 2020 to 2023 (VE Day, the Platinum
    /// Jubilee, the State Funeral of Queen Elizabeth II, the Coronation). Later proclamations are added
    /// with <see cref="WithAddition"/> and <see cref="WithRemoval"/>.
    /// </summary>
    public static BankHolidayCalendar EnglandAndWales { get; } = StandingRules
        .WithRemoval(new LocalDate(2020, 5, 4))
        .WithAddition(new LocalDate(2020, 5, 8), "Early May bank holiday (VE day)")
        .WithRemoval(new LocalDate(2022, 5, 30))
        .WithAddition(new LocalDate(2022, 6, 2), "Spring bank holiday")
        .WithAddition(new LocalDate(2022, 6, 3), "Platinum Jubilee bank holiday")
        .WithAddition(new LocalDate(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II")
        .WithAddition(new LocalDate(2023, 5, 8), "Bank holiday for the coronation of King Charles III");

    /// <summary>This calendar with an extra holiday on <paramref name="date"/> (replacing any holiday of that date).</summary>
    public BankHolidayCalendar WithAddition(LocalDate date, string name) =>
        new(_additions.SetItem(date, new BankHoliday(date, name)), _removals.Remove(date));

    /// <summary>This calendar without any holiday on <paramref name="date"/> (e.g. a rule date moved by proclamation).</summary>
    public BankHolidayCalendar WithRemoval(LocalDate date) =>
        new(_additions.Remove(date), _removals.Add(date));

    /// <summary>The holidays of one calendar year, in date order.</summary>
    public ImmutableArray<BankHoliday> InYear(int year)
    {
        var holidays = new List<BankHoliday>(10);
        foreach (var holiday in StandingRuleHolidays(year))
        {
            if (!_removals.Contains(holiday.Date) && !_additions.ContainsKey(holiday.Date))
            {
                holidays.Add(holiday);
            }
        }

        foreach (var addition in _additions.Values)
        {
            if (addition.Date.Year == year)
            {
                holidays.Add(addition);
            }
        }

        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return [.. holidays];
    }

    /// <summary>The holidays within <paramref name="dates"/> (both ends inclusive), in date order.</summary>
    public ImmutableArray<BankHoliday> Within(DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var builder = ImmutableArray.CreateBuilder<BankHoliday>();
        for (var year = dates.Start.Year; year <= dates.End.Year; year++)
        {
            foreach (var holiday in InYear(year))
            {
                if (dates.Contains(holiday.Date))
                {
                    builder.Add(holiday);
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The holiday on <paramref name="date"/>, if there is one.</summary>
    public bool TryGetHoliday(LocalDate date, [NotNullWhen(true)] out BankHoliday? holiday)
    {
        foreach (var candidate in InYear(date.Year))
        {
            if (candidate.Date == date)
            {
                holiday = candidate;
                return true;
            }
        }

        holiday = null;
        return false;
    }

    private static IEnumerable<BankHoliday> StandingRuleHolidays(int year)
    {
        var newYear = new LocalDate(year, 1, 1);
        yield return IsWeekend(newYear)
            ? new BankHoliday(newYear.Next(IsoDayOfWeek.Monday), "New Year's Day" + SubstituteSuffix)
            : new BankHoliday(newYear, "New Year's Day");

        var easterSunday = Easter.Sunday(year);
        yield return new BankHoliday(easterSunday.PlusDays(-2), "Good Friday");
        yield return new BankHoliday(easterSunday.PlusDays(1), "Easter Monday");

        yield return new BankHoliday(FirstMonday(year, 5), "Early May bank holiday");
        yield return new BankHoliday(LastMonday(year, 5), "Spring bank holiday");
        yield return new BankHoliday(LastMonday(year, 8), "Summer bank holiday");

        // A holiday on a weekday stays put; one at a weekend takes the next weekday the other does not
        // hold. Fixing the weekday one first is what keeps the names right when Christmas is a Sunday
        // (Boxing Day Monday 26, Christmas Day substitute Tuesday 27).
        var christmas = new LocalDate(year, 12, 25);
        var boxingDay = new LocalDate(year, 12, 26);
        LocalDate? christmasObserved = IsWeekend(christmas) ? null : christmas;
        LocalDate? boxingDayObserved = IsWeekend(boxingDay) ? null : boxingDay;
        christmasObserved ??= NextWeekdayFrom(christmas, taken: boxingDayObserved);
        boxingDayObserved ??= NextWeekdayFrom(boxingDay, taken: christmasObserved);
        yield return new BankHoliday(christmasObserved.Value, christmasObserved == christmas ? "Christmas Day" : "Christmas Day" + SubstituteSuffix);
        yield return new BankHoliday(boxingDayObserved.Value, boxingDayObserved == boxingDay ? "Boxing Day" : "Boxing Day" + SubstituteSuffix);
    }

    private static LocalDate NextWeekdayFrom(LocalDate date, LocalDate? taken)
    {
        while (IsWeekend(date) || date == taken)
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    private static bool IsWeekend(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    private static LocalDate FirstMonday(int year, int month)
    {
        var first = new LocalDate(year, month, 1);
        return first.DayOfWeek == IsoDayOfWeek.Monday ? first : first.Next(IsoDayOfWeek.Monday);
    }

    private static LocalDate LastMonday(int year, int month)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        return last.DayOfWeek == IsoDayOfWeek.Monday ? last : last.Previous(IsoDayOfWeek.Monday);
    }
}
