using System.Globalization;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// Why a slot is not offered to a caller now. Each case is its own record so the API can map it (for example
/// <see cref="SlotAlreadyBooked"/> to 409, the rest to 422) and <see cref="Message"/> is the sentence people read.
/// A slot is offered exactly when its list of reasons is empty.
/// </summary>
public abstract record WithheldReason
{
    private protected WithheldReason()
    {
    }

    /// <summary>A short sentence for staff and API consumers, in British English.</summary>
    public abstract string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Message;

    /// <summary>"08:00 today", "08:00 tomorrow", "08:00 on Tuesday 31 March": relative to the caller's local today.</summary>
    internal static string DescribeLocal(LocalDateTime when, LocalDate today)
    {
        var time = when.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        var days = Period.Between(today, when.Date, PeriodUnits.Days).Days;
        return days switch
        {
            0 => $"{time} today",
            1 => $"{time} tomorrow",
            _ => $"{time} on {when.Date.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}",
        };
    }

    /// <summary>"2 hours", "90 minutes", "1 day": the largest unit that divides the duration exactly.</summary>
    internal static string DescribeDuration(Duration duration)
    {
        static string Plural(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
        if (duration.BclCompatibleTicks % NodaConstants.TicksPerDay == 0 && duration > Duration.Zero)
        {
            return Plural(duration.BclCompatibleTicks / NodaConstants.TicksPerDay, "day");
        }

        if (duration.BclCompatibleTicks % NodaConstants.TicksPerHour == 0 && duration > Duration.Zero)
        {
            return Plural(duration.BclCompatibleTicks / NodaConstants.TicksPerHour, "hour");
        }

        return Plural((long)Math.Ceiling(duration.TotalMinutes), "minute");
    }
}

/// <summary>The slot's service is not bookable (breaks, admin time).</summary>
/// <param name="ServiceId">The service.</param>
public sealed record ServiceNotBookable(int ServiceId) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => "Service not bookable";
}

/// <summary>The slot has started (or finished); nobody books it any more.</summary>
public sealed record SlotStarted : WithheldReason
{
    /// <inheritdoc />
    public override string Message => "Slot has started";
}

/// <summary>The slot already holds an active appointment (rule 1).</summary>
public sealed record SlotAlreadyBooked : WithheldReason
{
    /// <inheritdoc />
    public override string Message => "Slot already booked";
}

/// <summary>No release rule lets the caller's channel book this slot.</summary>
public sealed record NotReleasedToChannel : WithheldReason
{
    /// <inheritdoc />
    public override string Message => "Not released to this channel";
}

/// <summary>The slot is reserved for another channel and is handed back to the caller's channel later.</summary>
/// <param name="HeldFor">Names of the channels holding it, e.g. "111".</param>
/// <param name="ReturnsAt">When it is handed back.</param>
/// <param name="ReturnsAtLocal">The same instant, local.</param>
/// <param name="Today">The caller's local date when asked.</param>
public sealed record HeldForOtherChannel(string HeldFor, Instant ReturnsAt, LocalDateTime ReturnsAtLocal, LocalDate Today) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => $"Held for {HeldFor} until {DescribeLocal(ReturnsAtLocal, Today)}";
}

/// <summary>The slot is not yet released to the caller's channel.</summary>
/// <param name="Until">When it opens.</param>
/// <param name="UntilLocal">The same instant, local.</param>
/// <param name="Today">The caller's local date when asked.</param>
public sealed record Embargoed(Instant Until, LocalDateTime UntilLocal, LocalDate Today) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => $"Embargoed until {DescribeLocal(UntilLocal, Today)}";
}

/// <summary>The slot is further ahead than the channel may book.</summary>
/// <param name="WindowDays">The booking window in days.</param>
public sealed record BeyondBookingWindow(int WindowDays) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => $"Beyond the {WindowDays}-day booking window";
}

/// <summary>The slot starts sooner than the channel's minimum notice.</summary>
/// <param name="MinimumNotice">The notice required.</param>
public sealed record MinimumNoticeNotMet(Duration MinimumNotice) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => $"Too late: minimum notice is {DescribeDuration(MinimumNotice)}";
}

/// <summary>A quota covering the caller's channel is full for this slot's bucket.</summary>
/// <param name="Quota">The quota.</param>
/// <param name="Bucket">The full bucket.</param>
/// <param name="Cap">Its cap.</param>
public sealed record QuotaUsed(Quota Quota, QuotaBucket Bucket, int Cap) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => Bucket.Session is null
        ? $"{Quota.Channel.Name} quota for {Bucket.Date.DayOfWeek} used"
        : $"{Quota.Channel.Name} quota for this {Bucket.Date.DayOfWeek} session used";
}

/// <summary>The practice has paused the caller's channel for the slot's day (the brake for busy days).</summary>
/// <param name="Pause">The pause in force.</param>
public sealed record ChannelPaused(ChannelPause Pause) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => $"The practice has paused {Pause.ChannelName}: {Pause.Reason}";
}

/// <summary>The patient already holds the most future bookings allowed.</summary>
/// <param name="MaxFutureBookings">The cap.</param>
public sealed record PatientCapReached(int MaxFutureBookings) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => MaxFutureBookings == 1
        ? "Patient already has 1 future appointment"
        : $"Patient already has {MaxFutureBookings} future appointments";
}

/// <summary>
/// The rota would have produced the slot but the scheduler suppressed it (bank holiday, practice closure,
/// practitioner leave, cancelled session, clock change). Build it with <see cref="For"/>, which words the
/// scheduler's reason for people and puts in the practitioner's name when it is known.
/// </summary>
/// <param name="Suppressed">The would-be slot and the scheduler's reason.</param>
/// <param name="Explanation">The sentence shown, e.g. "Practice closed: bank holiday (Christmas Day)", "Dr Patel on leave".</param>
public sealed record NotScheduled(SuppressedSlot Suppressed, string Explanation) : WithheldReason
{
    /// <inheritdoc />
    public override string Message => Explanation;

    /// <summary>The explanation of a suppressed slot.</summary>
    /// <param name="suppressed">The scheduler's suppressed slot.</param>
    /// <param name="practitionerName">Looks up a practitioner's display name; null or a null answer gives "Practitioner on leave".</param>
    public static NotScheduled For(SuppressedSlot suppressed, Func<int, string?>? practitionerName = null)
    {
        var explanation = suppressed.Reason switch
        {
            PractitionerOnLeave leave when practitionerName?.Invoke(leave.PractitionerId) is { } name => $"{name} on leave",
            var reason => Capitalise(reason.Description),
        };
        return new NotScheduled(suppressed, explanation);
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
