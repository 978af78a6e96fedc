using Booking.Core.Time;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// Turns a <see cref="Rota"/> into the slots of a date range: pure and deterministic (the same rota and
/// dates give the same slots, ids and order), no clock, no I/O.
/// </summary>
/// <remarks>
/// For each date: the templates that run (weekday, effective range, week pattern) after day edits, then the
/// one-off sessions; each session's layout stamped with the date. A would-be slot is suppressed, with its
/// <see cref="SuppressionReason"/>, when its session was cancelled, when a bank holiday falls on a template
/// session's date, when a closure of its site overlaps it, when its practitioner is on leave during it, or
/// when its local start is skipped by the spring clock change. Local times become instants by
/// <see cref="ClockChangeRule"/>. Non-bookable services still get slots: release rules withhold them.
/// </remarks>
public static class SlotGenerator
{
    private static readonly LocalTime LastMinuteOfDay = new(23, 59);

    /// <summary>The slots and suppressed would-be slots of <paramref name="rota"/> on <paramref name="dates"/> (both ends inclusive).</summary>
    public static SlotGeneration Generate(Rota rota, DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(rota);
        ArgumentNullException.ThrowIfNull(dates);

        // Everything that varies by date is looked up once per date, never per slot.
        var holidays = rota.BankHolidays.Within(dates).ToDictionary(h => h.Date, h => new ClosedForBankHoliday(h.Name));
        var leaveByPractitionerDay = LeaveByPractitionerDay(rota, dates);

        // Sized once from the rota, so a year's slots never regrow (and recopy) a large array.
        var slots = new List<Slot>(rota.CountPlannedSlots(dates));
        var suppressed = new List<SuppressedSlot>();
        var slotDayStarts = new int[dates.Length + 1];
        var suppressedDayStarts = new int[dates.Length + 1];
        var sessions = new List<ScheduledSession>();
        var restrictions = new List<Restriction>();

        var dayIndex = 0;
        foreach (var date in dates)
        {
            slotDayStarts[dayIndex] = slots.Count;
            suppressedDayStarts[dayIndex] = suppressed.Count;
            dayIndex++;

            var clock = DayClock.For(date, rota.Zone);
            holidays.TryGetValue(date, out var holiday);
            var closures = rota.ClosuresOn(date);

            sessions.Clear();
            rota.AddScheduledSessions(date, sessions);
            foreach (var session in sessions)
            {
                // DayEdit.Cancel requires a reason, so a cancellation always carries one.
                SuppressionReason? sessionReason = session.Cancellation is { } cancellation
                    ? new SessionCancelled(cancellation.TemplateId, cancellation.CancellationReason!)
                    : session.IsTemplate ? holiday : null;

                restrictions.Clear();
                if (sessionReason is null)
                {
                    // Practice-wide reasons before personal ones: the order SuppressionReason documents.
                    foreach (var closure in closures)
                    {
                        if (closure.AppliesToSite(session.SiteId))
                        {
                            restrictions.Add(new Restriction(closure.Times, new PracticeClosed(closure.Id, closure.Reason)));
                        }
                    }

                    if (leaveByPractitionerDay.TryGetValue((session.PractitionerId, date), out var leave))
                    {
                        restrictions.AddRange(leave);
                    }
                }

                EmitSession(date, session, clock, sessionReason, restrictions, slots, suppressed);
            }
        }

        slotDayStarts[dayIndex] = slots.Count;
        suppressedDayStarts[dayIndex] = suppressed.Count;
        return new SlotGeneration(dates, [.. slots], slotDayStarts, [.. suppressed], suppressedDayStarts);
    }

    private static void EmitSession(
        LocalDate date,
        ScheduledSession session,
        DayClock clock,
        SuppressionReason? sessionReason,
        List<Restriction> restrictions,
        List<Slot> slots,
        List<SuppressedSlot> suppressed)
    {
        var key = new SessionKey(session.Source, date);
        var idPrefix = key + "-";
        foreach (var planned in session.Layout.PlannedSlots)
        {
            var localStart = date.At(planned.Start);
            var localEnd = date.At(planned.End);
            var slot = new Slot(
                SlotId.FromParts(idPrefix, planned.StartText),
                key,
                session.PractitionerId,
                session.SiteId,
                planned.ServiceId,
                localStart,
                localEnd,
                clock.ToInterval(localStart, localEnd, planned));

            var reason = sessionReason ?? FirstRestriction(restrictions, planned);
            if (reason is null && clock.IsSkipped(localStart))
            {
                reason = SkippedByClockChange.Instance;
            }

            if (reason is null)
            {
                slots.Add(slot);
            }
            else
            {
                suppressed.Add(new SuppressedSlot(slot, reason));
            }
        }
    }

    private static SuppressionReason? FirstRestriction(List<Restriction> restrictions, PlannedSlot planned)
    {
        foreach (var restriction in restrictions)
        {
            if (restriction.Times is not { } times || (times.Start < planned.End && planned.Start < times.End))
            {
                return restriction.Reason;
            }
        }

        return null;
    }

    private static Dictionary<(int PractitionerId, LocalDate Date), List<Restriction>> LeaveByPractitionerDay(Rota rota, DateInterval dates)
    {
        var byDay = new Dictionary<(int, LocalDate), List<Restriction>>();
        foreach (var leave in rota.Leave)
        {
            if (leave.Dates.Intersection(dates) is not { } overlap)
            {
                continue;
            }

            var reason = new PractitionerOnLeave(leave.PractitionerId, leave.Id);
            foreach (var date in overlap)
            {
                if (!byDay.TryGetValue((leave.PractitionerId, date), out var list))
                {
                    byDay[(leave.PractitionerId, date)] = list = [];
                }

                list.Add(new Restriction(leave.Times, reason));
            }
        }

        return byDay;
    }

    /// <summary>A closure or leave that suppresses the slots it overlaps; null times mean the whole day.</summary>
    private sealed record Restriction(LocalTimeRange? Times, SuppressionReason Reason);

    /// <summary>
    /// Local-to-instant mapping for one date. On the ~363 days a year without a clock change the whole date
    /// has one UTC offset, so a slot's instants are that day's midnight plus its precomputed times; on the
    /// two change days every time goes through <see cref="ClockChangeRule"/>.
    /// </summary>
    private readonly struct DayClock
    {
        private readonly DateTimeZone _zone;
        private readonly Instant? _midnight;

        private DayClock(DateTimeZone zone, Instant? midnight)
        {
            _zone = zone;
            _midnight = midnight;
        }

        public static DayClock For(LocalDate date, DateTimeZone zone)
        {
            // Rota times run from 00:00 to 23:59 (ranges never cross midnight). If both ends map to exactly
            // one instant in the same zone interval, no transition falls between them and every time of the
            // day has that interval's offset.
            var first = zone.MapLocal(date.AtMidnight());
            var last = zone.MapLocal(date.At(LastMinuteOfDay));
            var isFixed = first.Count == 1 && last.Count == 1 && first.EarlyInterval.Equals(last.EarlyInterval);
            return new DayClock(zone, isFixed ? first.Single().ToInstant() : null);
        }

        public Interval ToInterval(LocalDateTime localStart, LocalDateTime localEnd, PlannedSlot planned) => _midnight is { } midnight
            ? new Interval(midnight + planned.StartSinceMidnight, midnight + planned.EndSinceMidnight)
            : new Interval(ClockChangeRule.ToInstant(localStart, _zone), ClockChangeRule.ToInstant(localEnd, _zone));

        public bool IsSkipped(LocalDateTime local) =>
            _midnight is null && ClockChangeRule.IsSkipped(local, _zone);
    }
}
