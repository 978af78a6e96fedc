using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// The slot dates a version of a rule or quota governs: from <see cref="From"/> to <see cref="To"/>, both
/// inclusive, open-ended when <see cref="To"/> is null. Versions are chosen by the slot's date, not by when the
/// question is asked, so a past day is always explained with the rules that were in force for it.
/// </summary>
public readonly record struct EffectivePeriod
{
    /// <summary>Builds a period; <paramref name="to"/> must not precede <paramref name="from"/>.</summary>
    public EffectivePeriod(LocalDate from, LocalDate? to = null)
    {
        if (to < from)
        {
            throw new ArgumentException("An effective period cannot end before it starts.", nameof(to));
        }

        From = from;
        To = to;
    }

    /// <summary>Always in force.</summary>
    public static EffectivePeriod Always { get; } = new(LocalDate.MinIsoValue);

    /// <summary>First date governed (inclusive).</summary>
    public LocalDate From { get; }

    /// <summary>Last date governed (inclusive); null = no end.</summary>
    public LocalDate? To { get; }

    /// <summary>Whether slots on <paramref name="date"/> are governed by this version.</summary>
    public bool Contains(LocalDate date) => date >= From && (To is null || date <= To);
}
