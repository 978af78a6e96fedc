using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>What one bucket of a quota covers: each session occurrence, or each day.</summary>
public enum QuotaPeriod
{
    /// <summary>One bucket per session occurrence (<see cref="SessionKey"/>).</summary>
    Session,

    /// <summary>One bucket per local date.</summary>
    Day,
}

/// <summary>How large a quota is: a fixed count or a share of the bookable slots in the bucket.</summary>
public abstract record QuotaLimit
{
    private protected QuotaLimit()
    {
    }

    /// <summary>At most <paramref name="count"/> bookings per bucket.</summary>
    public static QuotaLimit Count(int count) => new CountLimit(count);

    /// <summary>
    /// At most <paramref name="percent"/>% of the bucket's bookable slots, rounded down so the share is never
    /// exceeded: 40% of 12 slots is 4 (4.8 rounded down).
    /// </summary>
    public static QuotaLimit Share(int percent) => new ShareLimit(percent);

    /// <summary>The most bookings allowed in a bucket holding <paramref name="bookableSlots"/> bookable slots.</summary>
    public abstract int CapFor(int bookableSlots);
}

/// <summary>A fixed number of bookings per bucket.</summary>
public sealed record CountLimit : QuotaLimit
{
    /// <summary>Builds the limit; negative counts are refused (0 closes the channel for the bucket).</summary>
    public CountLimit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Value = count;
    }

    /// <summary>Most bookings per bucket.</summary>
    public int Value { get; }

    /// <inheritdoc />
    public override int CapFor(int bookableSlots) => Value;
}

/// <summary>A whole-number percentage of the bucket's bookable slots, rounded down.</summary>
public sealed record ShareLimit : QuotaLimit
{
    /// <summary>Builds the limit; the percentage must be 0 to 100.</summary>
    public ShareLimit(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Percent = percent;
    }

    /// <summary>Share of the bookable slots, 0 to 100.</summary>
    public int Percent { get; }

    /// <inheritdoc />
    // Integer arithmetic: floor(percent × slots / 100) with no floating-point rounding surprises.
    public override int CapFor(int bookableSlots) => Percent * bookableSlots / 100;
}

/// <summary>
/// A cap on the active (not cancelled) bookings one set of channels holds in each bucket: per session or per day,
/// optionally only for one service and only on one weekday. "At most 40% of Monday's GP slots online" is
/// <c>new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(40)) { ServiceId = gp, OnlyOn = IsoDayOfWeek.Monday }</c>.
/// <para>Invariant kept by booking: a booking is refused when its bucket already holds the cap, so bookings made
/// through the rules never exceed it. A cap lowered after bookings were made can leave a bucket over its cap;
/// existing bookings stand and no new ones are taken.</para>
/// </summary>
/// <param name="Id">Identity of this quota version.</param>
/// <param name="Channel">Whose bookings it caps and counts.</param>
/// <param name="Per">Bucket size.</param>
/// <param name="Limit">Count or share.</param>
public sealed record Quota(int Id, ChannelSelector Channel, QuotaPeriod Per, QuotaLimit Limit)
{
    /// <summary>Only slots and bookings of this service count; null = every service.</summary>
    public int? ServiceId { get; init; }

    /// <summary>Only slots on this weekday are capped; null = every day.</summary>
    public IsoDayOfWeek? OnlyOn { get; init; }

    /// <summary>Slot dates this version governs.</summary>
    public EffectivePeriod Period { get; init; } = EffectivePeriod.Always;

    /// <summary>Whether the quota governs <paramref name="slot"/> (regardless of who books it).</summary>
    public bool Governs(Slot slot) =>
        Period.Contains(slot.Date)
        && (ServiceId is null || ServiceId == slot.ServiceId)
        && (OnlyOn is null || OnlyOn == slot.Date.DayOfWeek);

    /// <summary>The bucket <paramref name="slot"/> counts against.</summary>
    public QuotaBucket BucketOf(Slot slot) => new(Id, slot.Date, Per == QuotaPeriod.Session ? slot.Session : null);
}

/// <summary>One bucket of a quota: a day, or a session occurrence on that day.</summary>
/// <param name="QuotaId">The quota.</param>
/// <param name="Date">The local date.</param>
/// <param name="Session">The session occurrence for per-session quotas; null for per-day.</param>
public readonly record struct QuotaBucket(int QuotaId, LocalDate Date, SessionKey? Session);

/// <summary>
/// The NHS 111 direct-booking allocation: one slot per 3,000 registered patients per day.
/// Rounded up, because the contract sets a minimum: rounding down would leave a practice of 4,000 patients
/// one short of its obligation, and any practice with patients offers at least one slot.
/// </summary>
public static class Nhs111Allocation
{
    /// <summary>Registered patients per daily 111 slot.</summary>
    public const int PatientsPerSlot = 3_000;

    /// <summary>Daily 111 slots for a list of <paramref name="registeredPatients"/>: ⌈patients ÷ 3,000⌉.</summary>
    public static int SlotsPerDay(int registeredPatients)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(registeredPatients);
        return (registeredPatients + PatientsPerSlot - 1) / PatientsPerSlot;
    }

    /// <summary>A per-day count quota for <paramref name="channel"/> sized from the list.</summary>
    public static Quota DailyQuota(int id, ChannelSelector channel, int registeredPatients) =>
        new(id, channel, QuotaPeriod.Day, QuotaLimit.Count(SlotsPerDay(registeredPatients)));
}

/// <summary>
/// Per-patient cap: a patient may hold at most <paramref name="MaxFutureBookings"/> active bookings that have not
/// yet started, across all channels. Only bookings made on a channel in <paramref name="AppliesTo"/> are refused
/// (e.g. online and 111 but not reception, who can judge need); every future booking counts toward the cap.
/// </summary>
/// <param name="MaxFutureBookings">Most future active bookings per patient.</param>
/// <param name="AppliesTo">Channels the cap refuses.</param>
public sealed record PatientCap(int MaxFutureBookings, ChannelSelector AppliesTo);
