using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// The practice closed on one date, all day or for a local time range, at every site or at one site,
/// e.g. a "Training afternoon" 13:00–18:30. A slot that overlaps the closed time at all is suppressed.
/// Bank holidays are not closures: they come from the rota's <see cref="Time.BankHolidayCalendar"/>.
/// </summary>
public sealed class Closure
{
    /// <summary>Longest reason accepted; storage reuses it.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Most days one request may close at once (a Christmas fortnight fits); longer is a split on purpose.</summary>
    public const int MaxDaysAtOnce = 31;

    /// <summary>Why more than <see cref="MaxDaysAtOnce"/> days are refused, as a form shows it beside the last date.</summary>
    public static readonly string TooManyDaysMessage = $"A closure covers at most {MaxDaysAtOnce} days at once; add a longer one in parts.";

    /// <summary>Creates a closure; null <paramref name="times"/> means all day, null <paramref name="siteId"/> every site.</summary>
    public Closure(int id, LocalDate date, string reason, LocalTimeRange? times = null, int? siteId = null)
    {
        Id = Require.PositiveId(id, nameof(id));
        Date = date;
        Reason = Require.Text(reason, MaxReasonLength, nameof(reason));
        Times = times;
        SiteId = siteId is { } site ? Require.PositiveId(site, nameof(siteId)) : null;
    }

    /// <summary>
    /// One closure per date of <paramref name="dates"/> (both ends inclusive), the same reason, times and site each day,
    /// e.g. every site all day from 24 December to 1 January. Each day stays its own closure, so one day can be withdrawn
    /// alone (the practice opens on the 29th after all). Ids run from <paramref name="firstId"/> in date order.
    /// </summary>
    public static IReadOnlyList<Closure> EachDay(int firstId, DateInterval dates, string reason, LocalTimeRange? times = null, int? siteId = null)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Length > MaxDaysAtOnce)
        {
            throw new ArgumentException(TooManyDaysMessage, nameof(dates));
        }

        return dates.Select((date, index) => new Closure(firstId + index, date, reason, times, siteId)).ToList();
    }

    /// <summary>Storage id.</summary>
    public int Id { get; }

    /// <summary>The date closed.</summary>
    public LocalDate Date { get; }

    /// <summary>Shown to staff and in "why not offered" answers.</summary>
    public string Reason { get; }

    /// <summary>The closed local times, or null for the whole day.</summary>
    public LocalTimeRange? Times { get; }

    /// <summary>The one site closed, or null when every site is.</summary>
    public int? SiteId { get; }

    /// <summary>True when the closure covers <paramref name="siteId"/>.</summary>
    public bool AppliesToSite(int siteId) => SiteId is null || SiteId == siteId;
}
