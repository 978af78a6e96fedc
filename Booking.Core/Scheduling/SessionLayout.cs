using System.Collections.Immutable;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// What happens inside one session: its local times and an ordered sequence of segments that tile them
/// exactly (each segment starts where the previous one ends), with at least one slot run. E.g. Dr Patel's
/// Monday morning: 08:30–11:00 GP slots of 10 minutes, 11:00–11:10 break, 11:10–11:30 GP slots.
/// </summary>
public sealed class SessionLayout
{
    private SessionLayout(ImmutableArray<SessionSegment> segments)
    {
        Segments = segments;
        Times = new LocalTimeRange(segments[0].Times.Start, segments[^1].Times.End);

        var planned = ImmutableArray.CreateBuilder<PlannedSlot>();
        foreach (var run in segments.OfType<SlotRun>())
        {
            var start = run.Times.Start;
            for (var i = 0; i < run.SlotCount; i++)
            {
                var end = start.PlusMinutes(run.SlotLength.Minutes);
                planned.Add(new PlannedSlot(
                    start, end, run.ServiceId, SlotId.FormatStart(start), SinceMidnight(start), SinceMidnight(end)));
                start = end;
            }
        }

        PlannedSlots = planned.ToImmutable();
    }

    private static Duration SinceMidnight(LocalTime time) => Duration.FromNanoseconds(time.NanosecondOfDay);

    /// <summary>The whole session: first segment's start to last segment's end, half-open.</summary>
    public LocalTimeRange Times { get; }

    /// <summary>The segments in time order, contiguous.</summary>
    public ImmutableArray<SessionSegment> Segments { get; }

    /// <summary>Number of slots the session holds on a day nothing suppresses.</summary>
    public int SlotCount => PlannedSlots.Length;

    /// <summary>The slots in start order, precomputed once so generation only stamps dates on them.</summary>
    internal ImmutableArray<PlannedSlot> PlannedSlots { get; }

    /// <summary>A layout of explicit segments, which must be in order, contiguous and hold at least one slot run.</summary>
    public static SessionLayout Create(IEnumerable<SessionSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var ordered = segments.ToImmutableArray();
        if (!ordered.OfType<SlotRun>().Any())
        {
            throw new ArgumentException("A session holds at least one run of slots.", nameof(segments));
        }

        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Times.Start != ordered[i - 1].Times.End)
            {
                throw new ArgumentException(
                    $"Segments must follow each other without gap or overlap: {ordered[i - 1].Times} then {ordered[i].Times}.",
                    nameof(segments));
            }
        }

        return new SessionLayout(ordered);
    }

    /// <summary>
    /// A session of one service in slots of one length, with optional breaks: the usual case, e.g.
    /// <c>Uniform(08:30-11:30, gp, 10 min, 11:00-11:10)</c>. Each stretch between breaks must divide into whole slots.
    /// </summary>
    public static SessionLayout Uniform(LocalTimeRange times, int serviceId, SlotLength slotLength, params LocalTimeRange[] breaks)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(breaks);
        var segments = new List<SessionSegment>();
        var cursor = times.Start;
        foreach (var pause in breaks.OrderBy(b => b.Start))
        {
            if (!times.Contains(pause) || pause.Start < cursor)
            {
                throw new ArgumentException($"Break {pause} must lie inside {times} and not overlap another break.", nameof(breaks));
            }

            if (pause.Start > cursor)
            {
                segments.Add(new SlotRun(new LocalTimeRange(cursor, pause.Start), serviceId, slotLength));
            }

            segments.Add(new SessionBreak(pause));
            cursor = pause.End;
        }

        if (cursor < times.End)
        {
            segments.Add(new SlotRun(new LocalTimeRange(cursor, times.End), serviceId, slotLength));
        }

        return Create(segments);
    }
}

/// <summary>
/// One slot of a layout before it has a date: local times, service, the <c>HHmm</c> id suffix, and its start
/// and end as elapsed durations from its session's origin instant. A layout's own planned slots count from
/// midnight and serve every date whose UTC offset does not change during the day; on a clock-change day
/// generation makes copies whose durations come from <see cref="Booking.Core.Time.ClockChangeRule"/>.
/// </summary>
internal sealed record PlannedSlot(
    LocalTime Start, LocalTime End, int ServiceId, string StartText, Duration StartSinceOrigin, Duration EndSinceOrigin);
