using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.WhatIf;
using NodaTime;

namespace Booking.Core.Reporting;

/// <summary>
/// What the impact report computes from: the practice's slots and appointments and every version of its release rules
/// and quotas (each slot is judged by the versions in force on its date, so each side of a change is measured under its
/// own rules).
/// </summary>
/// <param name="Zone">The practice time zone; booking dates and 08:00 are local to it.</param>
/// <param name="HistoryStart">The first date the practice's history covers (the rota's first date); earlier days are not measured.</param>
/// <param name="Policy">Every rule and quota version, and which services are bookable.</param>
/// <param name="OrganisationChannels">A representative caller for each organisation the settings name (e.g. NHS 111);
/// a slot counts as offered to organisations when at least one of them could book it.</param>
/// <param name="Slots">The slots the rota produced over both sides and <see cref="ImpactReport.ThirdNextAvailableHorizonDays"/>
/// days beyond the last (third next available looks ahead from each day).</param>
/// <param name="Appointments">Appointments with slots over the same dates, cancelled ones included.</param>
public sealed record ImpactHistory(
    DateTimeZone Zone,
    LocalDate HistoryStart,
    ReleasePolicy Policy,
    IReadOnlyList<Channel> OrganisationChannels,
    IReadOnlyList<Slot> Slots,
    IReadOnlyList<Appointment> Appointments);

/// <summary>
/// The days one side of the comparison asked for and the days it could measure.
/// </summary>
/// <param name="Asked">The whole weeks asked for, both ends inclusive.</param>
/// <param name="Covered">The complete days of <paramref name="Asked"/> inside the history and before today; null when none are.</param>
/// <param name="CutByHistoryStart">Some asked days fall before the practice's history started.</param>
/// <param name="CutByToday">Some asked days are today or later: they have not happened (or finished) yet.</param>
/// <param name="WholeWeeks">The whole weeks of <paramref name="Covered"/> nearest the change, which the per-week figures
/// count: a part week would weigh its weekdays as if they were the whole week (a practice shut at weekends would seem
/// to offer 7/5 of its week). Null when fewer than seven days are covered.</param>
public sealed record ImpactWindow(DateInterval Asked, DateInterval? Covered, bool CutByHistoryStart, bool CutByToday, DateInterval? WholeWeeks = null)
{
    /// <summary>How many days were measured (0 when none).</summary>
    public int DaysCovered => Covered?.Length ?? 0;
}

/// <summary>Slots offered to, and appointments booked through, one channel group, as weekly averages.</summary>
/// <param name="Channel">Reception, online or organisations.</param>
/// <param name="OfferedPerWeek">Bookable slots the group could book from an empty diary within its quotas, per week of the side's whole weeks; null with none.</param>
/// <param name="BookedPerWeek">Active appointments booked through the group, per week of the side's whole weeks; null with none.</param>
public sealed record ImpactChannelFigures(ChannelKind Channel, double? OfferedPerWeek, double? BookedPerWeek);

/// <summary>The median third next available appointment of one service over a side's days.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="MedianDays">The median, over the days with a third free slot within the horizon, of the days from 08:00 to it; null when no day had one.</param>
public sealed record ImpactThirdNextAvailable(int ServiceId, double? MedianDays);

/// <summary>The figures of one side of the comparison.</summary>
/// <param name="Window">The days asked for and measured.</param>
/// <param name="Channels">Reception, online and organisations, in that order.</param>
/// <param name="DidNotAttend">Attended against did-not-attend appointments with slots on the measured days.</param>
/// <param name="MedianDaysToAppointment">Median local calendar days from booking to appointment of active appointments; null with none.</param>
/// <param name="ThirdNextAvailable">Per bookable service, by id.</param>
/// <param name="OnlineOffered">Slots online could book (as in <see cref="ImpactChannelFigures.OfferedPerWeek"/>), in total.</param>
/// <param name="OnlineUnbooked">Of those, slots nobody booked (no active appointment through any channel).</param>
public sealed record ImpactSide(
    ImpactWindow Window,
    IReadOnlyList<ImpactChannelFigures> Channels,
    DnaRate DidNotAttend,
    double? MedianDaysToAppointment,
    IReadOnlyList<ImpactThirdNextAvailable> ThirdNextAvailable,
    int OnlineOffered,
    int OnlineUnbooked)
{
    /// <summary>Unbooked ÷ offered online, 0 to 1; null when nothing was offered online.</summary>
    public double? OnlineUnbookedShare => OnlineOffered == 0 ? null : (double)OnlineUnbooked / OnlineOffered;

    /// <summary>The figures of one channel group.</summary>
    public ImpactChannelFigures For(ChannelKind channel) => Channels.Single(c => c.Channel == channel);
}

/// <summary>What one row of the comparison measures.</summary>
public enum ImpactMeasure
{
    /// <summary>Slots offered per week to a channel group (<see cref="ImpactRow.Channel"/>).</summary>
    OfferedPerWeek,

    /// <summary>Appointments booked per week through a channel group (<see cref="ImpactRow.Channel"/>).</summary>
    BookedPerWeek,

    /// <summary>DNA rate, 0 to 1.</summary>
    DnaRate,

    /// <summary>Median days from booking to appointment.</summary>
    MedianDaysToAppointment,

    /// <summary>Median third next available at 08:00, in days, for a service (<see cref="ImpactRow.ServiceId"/>).</summary>
    MedianThirdNextAvailable,

    /// <summary>Share of the slots offered online that nobody booked, 0 to 1.</summary>
    OnlineUnbookedShare,
}

/// <summary>One figure before and after the change, for tables, charts and CSV.</summary>
/// <param name="Measure">What it measures.</param>
/// <param name="Channel">The channel group, for offered and booked.</param>
/// <param name="ServiceId">The service, for third next available.</param>
/// <param name="Before">The figure over the weeks before; null when it could not be measured.</param>
/// <param name="After">The figure over the weeks from the change; null when it could not be measured.</param>
public sealed record ImpactRow(ImpactMeasure Measure, ChannelKind? Channel, int? ServiceId, double? Before, double? After)
{
    /// <summary>After minus before; null when either side is missing.</summary>
    public double? Difference => Before is { } before && After is { } after ? after - before : null;
}

/// <summary>The weeks before a change beside the weeks from it.</summary>
/// <param name="ChangeDate">The first date under the change.</param>
/// <param name="Weeks">Weeks asked for on each side.</param>
/// <param name="Before">The weeks before the change date.</param>
/// <param name="After">The weeks from the change date on.</param>
public sealed record ImpactComparison(LocalDate ChangeDate, int Weeks, ImpactSide Before, ImpactSide After)
{
    /// <summary>Every figure of both sides with the difference, in the order the report shows them.</summary>
    public IReadOnlyList<ImpactRow> Rows()
    {
        var rows = new List<ImpactRow>();
        foreach (var channel in ImpactReport.ChannelGroups)
        {
            rows.Add(new(ImpactMeasure.OfferedPerWeek, channel, null, Before.For(channel).OfferedPerWeek, After.For(channel).OfferedPerWeek));
        }

        foreach (var channel in ImpactReport.ChannelGroups)
        {
            rows.Add(new(ImpactMeasure.BookedPerWeek, channel, null, Before.For(channel).BookedPerWeek, After.For(channel).BookedPerWeek));
        }

        rows.Add(new(ImpactMeasure.DnaRate, null, null, Before.DidNotAttend.Rate, After.DidNotAttend.Rate));
        rows.Add(new(ImpactMeasure.MedianDaysToAppointment, null, null, Before.MedianDaysToAppointment, After.MedianDaysToAppointment));
        foreach (var service in Before.ThirdNextAvailable)
        {
            var after = After.ThirdNextAvailable.SingleOrDefault(s => s.ServiceId == service.ServiceId);
            rows.Add(new(ImpactMeasure.MedianThirdNextAvailable, null, service.ServiceId, service.MedianDays, after?.MedianDays));
        }

        rows.Add(new(ImpactMeasure.OnlineUnbookedShare, null, null, Before.OnlineUnbookedShare, After.OnlineUnbookedShare));
        return rows;
    }
}

/// <summary>
/// Before and after a change: the <c>weeks</c> × 7 days before the change date beside the same number of days from it,
/// each measured over its complete days only (up to yesterday, not before the history started), so a change made last
/// week compares a few days after with the full weeks before, and says so. Figures that depend on how many days were
/// measured (slots offered, appointments booked) are weekly averages over the side's whole weeks nearest the change
/// (<see cref="ImpactWindow.WholeWeeks"/>), so a short side still compares fairly; a part week would weigh its weekdays
/// as a whole week. The rates, medians and shares use every covered day.
/// Pure: "today" is an argument.
/// </summary>
public static class ImpactReport
{
    /// <summary>Fewest weeks per side.</summary>
    public const int MinWeeks = 1;

    /// <summary>Most weeks per side (half a year): enough for seasonal noise to average out, short enough to load.</summary>
    public const int MaxWeeks = 26;

    /// <summary>How far ahead of each day's 08:00 third next available looks for free slots.</summary>
    public const int ThirdNextAvailableHorizonDays = 42;

    /// <summary>The local time third next available is measured at each day: when the phones open.</summary>
    public static readonly LocalTime MeasuredAt = new(8, 0);

    /// <summary>The channel groups compared, in report order.</summary>
    public static IReadOnlyList<ChannelKind> ChannelGroups { get; } = [ChannelKind.Reception, ChannelKind.Online, ChannelKind.Organisation];

    /// <summary>The days each side asks for, before they are cut to the history and to yesterday.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is not <see cref="MinWeeks"/> to <see cref="MaxWeeks"/>.</exception>
    public static (DateInterval Before, DateInterval After) AskedWindows(LocalDate changeDate, int weeks)
    {
        if (weeks is < MinWeeks or > MaxWeeks)
        {
            throw new ArgumentOutOfRangeException(nameof(weeks), weeks, $"Compare {MinWeeks} to {MaxWeeks} weeks each side.");
        }

        var days = weeks * 7;
        return (new DateInterval(changeDate.PlusDays(-days), changeDate.PlusDays(-1)), new DateInterval(changeDate, changeDate.PlusDays(days - 1)));
    }

    /// <summary>Compares the <paramref name="weeks"/> weeks before <paramref name="changeDate"/> with as many from it.</summary>
    /// <param name="changeDate">The first date under the change (a version's effective-from, or a date the manager picks).</param>
    /// <param name="weeks">Weeks each side, <see cref="MinWeeks"/> to <see cref="MaxWeeks"/>.</param>
    /// <param name="today">The practice's local date now; only days before it are measured.</param>
    /// <param name="history">The practice's slots, appointments and rules.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is not <see cref="MinWeeks"/> to <see cref="MaxWeeks"/>.</exception>
    public static ImpactComparison Compare(LocalDate changeDate, int weeks, LocalDate today, ImpactHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (before, after) = AskedWindows(changeDate, weeks);
        var measure = new Measurer(history);
        return new ImpactComparison(
            changeDate,
            weeks,
            measure.Side(Window(before, history.HistoryStart, today, beforeChange: true)),
            measure.Side(Window(after, history.HistoryStart, today, beforeChange: false)));
    }

    private static ImpactWindow Window(DateInterval asked, LocalDate historyStart, LocalDate today, bool beforeChange)
    {
        var yesterday = today.PlusDays(-1);
        var first = LocalDate.Max(asked.Start, historyStart);
        var last = LocalDate.Min(asked.End, yesterday);
        var covered = first <= last ? new DateInterval(first, last) : null;
        var wholeDays = (covered?.Length ?? 0) / 7 * 7;
        DateInterval? wholeWeeks = wholeDays == 0
            ? null
            : beforeChange ? new DateInterval(last.PlusDays(1 - wholeDays), last) : new DateInterval(first, first.PlusDays(wholeDays - 1));
        return new ImpactWindow(asked, covered, asked.Start < historyStart, asked.End > yesterday, wholeWeeks);
    }

    /// <summary>Medians of whole-day counts: the mean of the two middle values when the count is even.</summary>
    internal static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>The history indexed once, then measured for each side.</summary>
    private sealed class Measurer
    {
        private readonly ImpactHistory _history;
        private readonly Dictionary<LocalDate, List<Slot>> _slotsByDate;
        private readonly Dictionary<int, List<Slot>> _bookableByService;
        private readonly HashSet<SlotId> _heldNow;

        // When each slot was held: from the booking instant until the cancellation (exclusive), or for good.
        private readonly Dictionary<SlotId, List<(Instant From, Instant? Until)>> _holds = [];

        public Measurer(ImpactHistory history)
        {
            _history = history;
            _slotsByDate = history.Slots.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.ToList());
            _bookableByService = history.Slots
                .Where(s => history.Policy.IsBookable(s.ServiceId))
                .GroupBy(s => s.ServiceId)
                .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList());
            _heldNow = history.Appointments.Where(a => a.IsActive).SelectMany(a => a.Slots).Select(s => s.Id).ToHashSet();
            foreach (var appointment in history.Appointments)
            {
                var until = appointment.History.FirstOrDefault(c => c.To == AppointmentStatus.Cancelled)?.At;
                foreach (var slot in appointment.Slots)
                {
                    if (!_holds.TryGetValue(slot.Id, out var holds))
                    {
                        holds = [];
                        _holds[slot.Id] = holds;
                    }

                    holds.Add((appointment.CreatedAt, until));
                }
            }
        }

        public ImpactSide Side(ImpactWindow window)
        {
            var services = _bookableByService.Keys.Order().ToList();
            if (window.Covered is not { } days)
            {
                return new ImpactSide(
                    window,
                    ChannelGroups.Select(c => new ImpactChannelFigures(c, null, null)).ToList(),
                    new DnaRate(0, 0),
                    null,
                    services.Select(id => new ImpactThirdNextAvailable(id, null)).ToList(),
                    0,
                    0);
            }

            var offered = ChannelGroups.ToDictionary(c => c, _ => 0);
            var onlineOffered = 0;
            var onlineUnbooked = 0;
            var thirdNext = services.ToDictionary(id => id, _ => new List<int>());
            foreach (var date in days)
            {
                var daySlots = _slotsByDate.GetValueOrDefault(date) ?? [];
                var online = WhatIfPreview.ReleasedWithinQuotas(_history.Policy, Channel.Online, daySlots).WithinQuotas;
                onlineOffered += online.Count;
                onlineUnbooked += online.Count(s => !_heldNow.Contains(s.Id));
                if (window.WholeWeeks?.Contains(date) == true)
                {
                    offered[ChannelKind.Reception] += WhatIfPreview.ReleasedWithinQuotas(_history.Policy, Channel.Reception, daySlots).WithinQuotas.Count;
                    offered[ChannelKind.Online] += online.Count;
                    offered[ChannelKind.Organisation] += _history.OrganisationChannels
                        .SelectMany(c => WhatIfPreview.ReleasedWithinQuotas(_history.Policy, c, daySlots).WithinQuotas)
                        .Select(s => s.Id)
                        .Distinct()
                        .Count();
                }

                foreach (var service in services)
                {
                    if (ThirdNextAvailableDays(service, date) is { } daysAhead)
                    {
                        thirdNext[service].Add(daysAhead);
                    }
                }
            }

            var inRange = _history.Appointments.Where(a => days.Contains(a.Slot.Date)).ToList();
            var active = inRange.Where(a => a.IsActive).ToList();
            var reports = new PracticeReports(_history.Zone, days, [], inRange);
            double? PerWeek(int count) => window.WholeWeeks is { } weeks ? count * 7.0 / weeks.Length : null;
            var activeInWholeWeeks = window.WholeWeeks is { } whole ? active.Where(a => whole.Contains(a.Slot.Date)).ToList() : [];
            return new ImpactSide(
                window,
                ChannelGroups
                    .Select(c => new ImpactChannelFigures(c, PerWeek(offered[c]), PerWeek(activeInWholeWeeks.Count(a => a.Channel.Kind == c))))
                    .ToList(),
                reports.DidNotAttendRates().Overall,
                Median(active.Select(a => Period.DaysBetween(a.CreatedAt.InZone(_history.Zone).Date, a.Slot.Date))),
                services.Select(id => new ImpactThirdNextAvailable(id, Median(thirdNext[id]))).ToList(),
                onlineOffered,
                onlineUnbooked);
        }

        /// <summary>
        /// Days from <paramref name="date"/> to the third slot of the service that starts after 08:00 that day, within the
        /// horizon, and was free at 08:00 (whoever could book it, as the main reports count it); null with fewer than three.
        /// </summary>
        private int? ThirdNextAvailableDays(int serviceId, LocalDate date)
        {
            var from = date.At(MeasuredAt).InZoneLeniently(_history.Zone).ToInstant();
            var lastDate = date.PlusDays(ThirdNextAvailableHorizonDays - 1);
            var free = 0;
            foreach (var slot in _bookableByService[serviceId])
            {
                if (slot.Start <= from)
                {
                    continue;
                }

                if (slot.Date > lastDate)
                {
                    return null;
                }

                if (!HeldAt(slot.Id, from) && ++free == 3)
                {
                    return Period.DaysBetween(date, slot.Date);
                }
            }

            return null;
        }

        private bool HeldAt(SlotId slot, Instant at) =>
            _holds.TryGetValue(slot, out var holds) && holds.Any(h => h.From <= at && (h.Until is null || at < h.Until));
    }
}
