using System.Globalization;

namespace Booking.Core.Scheduling;

/// <summary>The length of a slot in whole minutes, from 1 to <see cref="MaxMinutes"/>.</summary>
public sealed record SlotLength
{
    /// <summary>Longest slot accepted: a four-hour clinic block.</summary>
    public const int MaxMinutes = 240;

    private SlotLength(int minutes) => Minutes = minutes;

    /// <summary>Minutes, at least 1.</summary>
    public int Minutes { get; }

    /// <summary>A slot length of <paramref name="minutes"/> minutes.</summary>
    public static SlotLength FromMinutes(int minutes) =>
        minutes is >= 1 and <= MaxMinutes
            ? new SlotLength(minutes)
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, $"A slot lasts 1 to {MaxMinutes} minutes.");

    /// <inheritdoc />
    public override string ToString() => Minutes.ToString(CultureInfo.InvariantCulture) + " min";
}
