using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>How specific a release rule is; a more specific rule replaces a less specific one entirely.</summary>
public enum ReleaseLevel
{
    /// <summary>Every slot of one service.</summary>
    Service = 1,

    /// <summary>Every slot of one session template or one-off session.</summary>
    Session = 2,

    /// <summary>One slot.</summary>
    Slot = 3,
}

/// <summary>What a release rule is attached to. Use the factories; each fixes the <see cref="Level"/>.</summary>
public sealed record ReleaseScope
{
    private ReleaseScope(ReleaseLevel level, int? serviceId, SessionSource? session, SlotId? slot)
    {
        Level = level;
        ServiceId = serviceId;
        Session = session;
        Slot = slot;
    }

    /// <summary>How specific the scope is.</summary>
    public ReleaseLevel Level { get; }

    /// <summary>The service, for <see cref="ReleaseLevel.Service"/>.</summary>
    public int? ServiceId { get; }

    /// <summary>The session template or one-off session, for <see cref="ReleaseLevel.Session"/>.</summary>
    public SessionSource? Session { get; }

    /// <summary>The slot, for <see cref="ReleaseLevel.Slot"/>.</summary>
    public SlotId? Slot { get; }

    /// <summary>Every slot of a service.</summary>
    public static ReleaseScope ForService(int serviceId) => new(ReleaseLevel.Service, serviceId, null, null);

    /// <summary>Every slot a session template (or one-off session) produces.</summary>
    public static ReleaseScope ForSession(SessionSource session) => new(ReleaseLevel.Session, null, session, null);

    /// <summary>A single slot.</summary>
    public static ReleaseScope ForSlot(SlotId slot) => new(ReleaseLevel.Slot, null, null, slot);

    /// <summary>Whether <paramref name="slot"/> falls under this scope.</summary>
    public bool Covers(Slot slot) => Level switch
    {
        ReleaseLevel.Service => slot.ServiceId == ServiceId,
        ReleaseLevel.Session => slot.Session.Source == Session,
        ReleaseLevel.Slot => slot.Id == Slot,
        _ => false,
    };
}

/// <summary>
/// Release terms for a channel. Null members mean "no limit of this kind" at the channel level and "inherit the
/// rule's default" when used as a per-channel override.
/// </summary>
/// <param name="Embargo">When the slot opens; null = as soon as it exists.</param>
/// <param name="BookingWindowDays">How many days ahead of today (local) a slot may be booked; a slot dated later is withheld. Null = no window.</param>
/// <param name="MinimumNotice">Least time between booking and start; null = none (the slot still must not have started).</param>
public sealed record ReleaseTerms(ReleaseTime? Embargo = null, int? BookingWindowDays = null, Duration? MinimumNotice = null)
{
    /// <summary>No embargo, no window, no notice.</summary>
    public static ReleaseTerms Open { get; } = new();

    /// <summary>These terms with any member set in <paramref name="overrides"/> replaced.</summary>
    public ReleaseTerms With(ReleaseTerms? overrides) => overrides is null
        ? this
        : new ReleaseTerms(
            overrides.Embargo ?? Embargo,
            overrides.BookingWindowDays ?? BookingWindowDays,
            overrides.MinimumNotice ?? MinimumNotice);
}

/// <summary>A channel a rule releases slots to, with optional terms that override the rule's defaults.</summary>
/// <param name="Channel">Who may book.</param>
/// <param name="Overrides">Terms for this channel only; null members inherit the rule's <see cref="ReleaseRule.Defaults"/>.
/// Giving one channel an earlier embargo is the only way to grant a head start.</param>
public sealed record ChannelRelease(ChannelSelector Channel, ReleaseTerms? Overrides = null);

/// <summary>
/// Capacity reserved for some channels returns to another (normally reception) a set time before the start:
/// "unused 111 slots become bookable by reception one hour before". From that instant <paramref name="To"/> may
/// book the slot without embargo, window or notice; quotas still apply to it.
/// </summary>
/// <param name="BeforeStart">How long before the start the slot is handed back.</param>
/// <param name="To">Who receives it.</param>
public sealed record HandBack(Duration BeforeStart, ChannelSelector To)
{
    /// <summary>The instant the slot is handed back.</summary>
    public Instant At(Slot slot) => slot.Start - BeforeStart;
}

/// <summary>
/// One version of the rule saying who may book the slots in its <see cref="Scope"/>, from when and how far ahead.
/// <para>Choosing the rule for a slot: among rules whose scope covers the slot and whose period contains the slot's
/// date, the most specific level wins (slot over session over service); among versions at that level, the latest
/// <see cref="EffectivePeriod.From"/>, then the highest <see cref="Id"/>. The winner applies whole: a slot rule does
/// not merge with the session rule it overrides, so what a manager sees on the slot is all there is.
/// A slot with no rule at all is released to reception only, with no embargo.</para>
/// </summary>
/// <param name="Id">Identity of this version (the data layer's key).</param>
/// <param name="Scope">Service, session or slot it governs.</param>
/// <param name="Period">Slot dates this version governs.</param>
/// <param name="Channels">Who may book. A channel not listed may not (except through <paramref name="HandBack"/>).</param>
/// <param name="Defaults">Terms shared by every listed channel, so all are released at the same instant.</param>
/// <param name="HandBack">Optional timed return of unbooked slots to another channel.</param>
public sealed record ReleaseRule(
    int Id,
    ReleaseScope Scope,
    EffectivePeriod Period,
    IReadOnlyList<ChannelRelease> Channels,
    ReleaseTerms Defaults,
    HandBack? HandBack = null)
{
    /// <summary>Whether this version governs <paramref name="slot"/>.</summary>
    public bool Governs(Slot slot) => Period.Contains(slot.Date) && Scope.Covers(slot);

    /// <summary>The terms for the first listed channel matching <paramref name="channel"/>, or null when none does.</summary>
    public ReleaseTerms? TermsFor(Channel channel)
    {
        foreach (var release in Channels)
        {
            if (release.Channel.Matches(channel))
            {
                return Defaults.With(release.Overrides);
            }
        }

        return null;
    }
}
