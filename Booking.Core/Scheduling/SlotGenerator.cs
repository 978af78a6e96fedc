using System.Collections.Immutable;
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

        // Two passes: the first decides every session's suppressions and counts, the second builds the slots
        // straight into arrays of exactly the right size, so a year's slots are never copied out of a list.
        var plans = new SessionPlan[rota.CountScheduledSessions(dates)];
        var planCount = 0;
        var slotDayStarts = new int[dates.Length + 1];
        var suppressedDayStarts = new int[dates.Length + 1];
        var sessions = new List<ScheduledSession>();
        var restrictions = new List<Restriction>();
        var offeredCount = 0;
        var suppressedCount = 0;

        var dayIndex = 0;
        foreach (var date in dates)
        {
            slotDayStarts[dayIndex] = offeredCount;
            suppressedDayStarts[dayIndex] = suppressedCount;
            dayIndex++;

            // Every slot of the day counts from its midnight; the rule gives one even where midnight is skipped.
            var origin = ClockChangeRule.ToInstant(date.AtMidnight(), rota.Zone);
            var clockChanges = !HasOneOffsetAllDay(date, rota.Zone);
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

                var occurrence = new SessionOccurrence(new SessionKey(session.Source, date), session.PractitionerId, session.SiteId, origin);
                var planned = clockChanges
                    ? MeasuredThroughClockChange(session.Layout.PlannedSlots, date, rota.Zone, origin)
                    : session.Layout.PlannedSlots;
                var plan = Plan(occurrence, planned, sessionReason, restrictions, clockChanges ? rota.Zone : null);
                plans[planCount++] = plan;
                offeredCount += plan.OfferedCount;
                suppressedCount += planned.Length - plan.OfferedCount;
            }
        }

        slotDayStarts[dayIndex] = offeredCount;
        suppressedDayStarts[dayIndex] = suppressedCount;

        var slots = new Slot[offeredCount];
        var suppressed = new SuppressedSlot[suppressedCount];
        var nextSlot = 0;
        var nextSuppressed = 0;
        foreach (var plan in plans)
        {
            for (var i = 0; i < plan.Planned.Length; i++)
            {
                var slot = new Slot(plan.Occurrence, plan.Planned[i]);
                if (plan.ReasonOf(i) is { } reason)
                {
                    suppressed[nextSuppressed++] = new SuppressedSlot(slot, reason);
                }
                else
                {
                    slots[nextSlot++] = slot;
                }
            }
        }

        return new SlotGeneration(dates, slots, slotDayStarts, suppressed, suppressedDayStarts);
    }

    /// <summary>
    /// Decides each planned slot's fate: the session's own reason, else the first restriction it overlaps,
    /// else (on a clock-change day, <paramref name="changingZone"/> set) whether its local start is skipped.
    /// </summary>
    private static SessionPlan Plan(
        SessionOccurrence occurrence,
        ImmutableArray<PlannedSlot> planned,
        SuppressionReason? sessionReason,
        List<Restriction> restrictions,
        DateTimeZone? changingZone)
    {
        if (sessionReason is not null)
        {
            return new SessionPlan(occurrence, planned, 0, sessionReason, null);
        }

        if (restrictions.Count == 0 && changingZone is null)
        {
            return new SessionPlan(occurrence, planned, planned.Length, null, null);
        }

        SuppressionReason?[]? slotReasons = null;
        var offered = planned.Length;
        for (var i = 0; i < planned.Length; i++)
        {
            var reason = FirstRestriction(restrictions, planned[i]);
            if (reason is null && changingZone is not null && ClockChangeRule.IsSkipped(occurrence.Key.Date.At(planned[i].Start), changingZone))
            {
                reason = SkippedByClockChange.Instance;
            }

            if (reason is not null)
            {
                slotReasons ??= new SuppressionReason?[planned.Length];
                slotReasons[i] = reason;
                offered--;
            }
        }

        return new SessionPlan(occurrence, planned, offered, null, slotReasons);
    }

    /// <summary>
    /// Copies of a layout's planned slots for a clock-change day, their durations measured from
    /// <paramref name="origin"/> to the instants <see cref="ClockChangeRule"/> gives, so origin plus duration
    /// is exactly that instant.
    /// </summary>
    private static ImmutableArray<PlannedSlot> MeasuredThroughClockChange(
        ImmutableArray<PlannedSlot> planned, LocalDate date, DateTimeZone zone, Instant origin)
    {
        var measured = ImmutableArray.CreateBuilder<PlannedSlot>(planned.Length);
        foreach (var slot in planned)
        {
            measured.Add(slot with
            {
                StartSinceOrigin = ClockChangeRule.ToInstant(date.At(slot.Start), zone) - origin,
                EndSinceOrigin = ClockChangeRule.ToInstant(date.At(slot.End), zone) - origin,
            });
        }

        return measured.MoveToImmutable();
    }

    /// <summary>
    /// True on the ~363 days a year without a clock change. Rota times run from 00:00 to 23:59 (ranges never
    /// cross midnight); if both ends map to exactly one instant in the same zone interval, no transition falls
    /// between them and every time of the day is midnight's instant plus its time since midnight.
    /// </summary>
    private static bool HasOneOffsetAllDay(LocalDate date, DateTimeZone zone)
    {
        var first = zone.MapLocal(date.AtMidnight());
        var last = zone.MapLocal(date.At(LastMinuteOfDay));
        return first.Count == 1 && last.Count == 1 && first.EarlyInterval.Equals(last.EarlyInterval);
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
    /// One session occurrence's planned slots and how many are offered; a slot's reason is the session's
    /// own, else its entry in <see cref="SlotReasons"/> (null when no single slot is suppressed).
    /// </summary>
    private readonly record struct SessionPlan(
        SessionOccurrence Occurrence,
        ImmutableArray<PlannedSlot> Planned,
        int OfferedCount,
        SuppressionReason? SessionReason,
        SuppressionReason?[]? SlotReasons)
    {
        public SuppressionReason? ReasonOf(int index) => SessionReason ?? SlotReasons?[index];
    }
}
