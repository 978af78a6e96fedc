using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// When a slot opens to a channel (its embargo lifts). Two shapes cover practice rules:
/// a local time some days before the slot's date ("online from 08:00 on the day", "111 from 08:00 two days
/// before"), or a fixed duration before the slot starts ("from 48 hours before").
/// The result is an instant, identical for every caller evaluating the same slot, which is what makes release
/// fair: nobody gets a head start unless a rule gives their channel a different release time.
/// </summary>
public abstract record ReleaseTime
{
    private protected ReleaseTime()
    {
    }

    /// <summary>Opens at <paramref name="time"/> local, <paramref name="daysBefore"/> days before the slot's date (0 = on the day).</summary>
    public static ReleaseTime DaysBefore(int daysBefore, LocalTime time) => new LocalTimeDaysBefore(daysBefore, time);

    /// <summary>Opens on the slot's own date at <paramref name="time"/> local.</summary>
    public static ReleaseTime OnTheDayAt(LocalTime time) => new LocalTimeDaysBefore(0, time);

    /// <summary>Opens <paramref name="beforeStart"/> before the slot starts.</summary>
    public static ReleaseTime BeforeStart(Duration beforeStart) => new DurationBeforeStart(beforeStart);

    /// <summary>The instant the slot opens, in the practice's zone.</summary>
    /// <param name="slotDate">The slot's local date.</param>
    /// <param name="slotStart">The slot's start instant.</param>
    /// <param name="zone">The practice time zone.</param>
    public abstract Instant OpensAt(LocalDate slotDate, Instant slotStart, DateTimeZone zone);
}

/// <summary>
/// Opens at a local time a number of days before the slot's date. A local time that the clock change skips
/// or repeats is resolved leniently (skipped: shifted forward by the gap; repeated: the earlier one), so the
/// release never happens later than the wall clock implies.
/// </summary>
public sealed record LocalTimeDaysBefore : ReleaseTime
{
    /// <summary>Builds the rule; <paramref name="days"/> must not be negative.</summary>
    public LocalTimeDaysBefore(int days, LocalTime time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        Days = days;
        Time = time;
    }

    /// <summary>Whole days before the slot's date; 0 = the same day.</summary>
    public int Days { get; }

    /// <summary>Local time of release.</summary>
    public LocalTime Time { get; }

    /// <inheritdoc />
    public override Instant OpensAt(LocalDate slotDate, Instant slotStart, DateTimeZone zone) =>
        zone.AtLeniently(slotDate.PlusDays(-Days).At(Time)).ToInstant();
}

/// <summary>Opens a fixed elapsed duration before the slot starts (real hours, unaffected by clock changes).</summary>
public sealed record DurationBeforeStart : ReleaseTime
{
    /// <summary>Builds the rule; <paramref name="beforeStart"/> must not be negative.</summary>
    public DurationBeforeStart(Duration beforeStart)
    {
        if (beforeStart < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(beforeStart), "A release cannot come after the start.");
        }

        Before = beforeStart;
    }

    /// <summary>How long before the start the slot opens.</summary>
    public Duration Before { get; }

    /// <inheritdoc />
    public override Instant OpensAt(LocalDate slotDate, Instant slotStart, DateTimeZone zone) => slotStart - Before;
}
