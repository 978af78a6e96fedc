namespace Booking.Core.Scheduling;

/// <summary>
/// One part of a session: either a <see cref="SlotRun"/> (back-to-back slots of one service) or a
/// <see cref="SessionBreak"/>. The set is closed: nothing outside this assembly derives from it.
/// </summary>
public abstract record SessionSegment
{
    private protected SessionSegment(LocalTimeRange times)
    {
        ArgumentNullException.ThrowIfNull(times);
        Times = times;
    }

    /// <summary>Local wall-clock span of the segment, half-open.</summary>
    public LocalTimeRange Times { get; }
}

/// <summary>
/// Back-to-back slots of one service, e.g. 08:30–11:00 in 10-minute GP slots (15 slots). The span is a
/// whole number of slots: a remainder would be time nobody can book, almost always a typing mistake.
/// </summary>
public sealed record SlotRun : SessionSegment
{
    /// <summary>Creates a run; <paramref name="times"/> must divide into whole slots of <paramref name="slotLength"/>.</summary>
    public SlotRun(LocalTimeRange times, int serviceId, SlotLength slotLength)
        : base(times)
    {
        ArgumentNullException.ThrowIfNull(slotLength);
        if (times.Minutes % slotLength.Minutes != 0)
        {
            throw new ArgumentException(
                $"{times} is {times.Minutes} minutes, not a whole number of {slotLength.Minutes}-minute slots.", nameof(times));
        }

        ServiceId = Require.PositiveId(serviceId, nameof(serviceId));
        SlotLength = slotLength;
    }

    /// <summary>The service every slot of the run is for.</summary>
    public int ServiceId { get; }

    /// <summary>Length of each slot.</summary>
    public SlotLength SlotLength { get; }

    /// <summary>Number of slots in the run (at least 1).</summary>
    public int SlotCount => Times.Minutes / SlotLength.Minutes;
}

/// <summary>A gap in a session with no slots: a coffee break, catch-up time.</summary>
public sealed record SessionBreak : SessionSegment
{
    /// <summary>Creates a break over <paramref name="times"/>.</summary>
    public SessionBreak(LocalTimeRange times)
        : base(times)
    {
    }
}
