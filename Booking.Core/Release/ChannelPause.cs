using NodaTime;

namespace Booking.Core.Release;

/// <summary>The outside channels a manager can pause on a busy day; reception is never paused (it is the practice itself).</summary>
public enum PausableChannel
{
    /// <summary>Patients booking online (apps and the NHS App).</summary>
    Online,

    /// <summary>NHS 111 and every other outside organisation.</summary>
    Organisations,
}

/// <summary>
/// A brake for a busy day: no slot on <see cref="Dates"/> is offered to <see cref="Channel"/>, whatever the release
/// rules say, until the pause ends or is lifted. It withholds, never cancels: appointments already booked stay.
/// </summary>
public sealed record ChannelPause
{
    /// <summary>Longest a reason may be; it is shown to reception and sent to API clients.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Longest a pause may run: a brake for busy days, not a way to switch a channel off for good (use a release rule).</summary>
    public const int MaxDays = 31;

    /// <summary>Builds a pause, refusing an unknown channel, more than <see cref="MaxDays"/> days, or no reason.</summary>
    /// <param name="id">The stored pause's id.</param>
    /// <param name="channel">The channel paused.</param>
    /// <param name="dates">The days paused, inclusive.</param>
    /// <param name="reason">Why, in words reception and outside services are shown.</param>
    public ChannelPause(int id, PausableChannel channel, DateInterval dates, string reason)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Choose online or outside organisations.");
        }

        if (dates.Length > MaxDays)
        {
            throw new ArgumentException($"A pause covers at most {MaxDays} days; for longer, change the release rules.", nameof(dates));
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("Give a reason: reception and outside services are shown it.", nameof(reason));
        }

        if (trimmed.Length > MaxReasonLength)
        {
            throw new ArgumentException($"Keep the reason to {MaxReasonLength} characters.", nameof(reason));
        }

        Id = id;
        Channel = channel;
        Dates = dates;
        Reason = trimmed;
    }

    /// <summary>The stored pause's id.</summary>
    public int Id { get; }

    /// <summary>The channel paused.</summary>
    public PausableChannel Channel { get; }

    /// <summary>The days paused, inclusive.</summary>
    public DateInterval Dates { get; }

    /// <summary>Why, as the manager gave it.</summary>
    public string Reason { get; }

    /// <summary>The channels the pause covers, as release rules and quotas name them.</summary>
    public ChannelSelector Selector => Selectors[Channel];

    /// <summary>"online booking", "booking by NHS 111 and other organisations": how pages and messages name the channel.</summary>
    public string ChannelName => Names[Channel];

    /// <summary>How pages and messages name each pausable channel.</summary>
    public static readonly IReadOnlyDictionary<PausableChannel, string> Names = new Dictionary<PausableChannel, string>
    {
        [PausableChannel.Online] = "online booking",
        [PausableChannel.Organisations] = "booking by NHS 111 and other organisations",
    };

    private static readonly IReadOnlyDictionary<PausableChannel, ChannelSelector> Selectors = new Dictionary<PausableChannel, ChannelSelector>
    {
        [PausableChannel.Online] = ChannelSelector.Online,
        [PausableChannel.Organisations] = ChannelSelector.AnyOrganisation,
    };
}
