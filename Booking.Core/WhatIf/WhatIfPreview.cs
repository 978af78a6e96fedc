using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.WhatIf;

/// <summary>A rota with the release rules and quotas that go with it: what the practice runs, or a proposal.</summary>
/// <param name="Rota">Sessions, closures, leave.</param>
/// <param name="Policy">Release rules, quotas, patient cap.</param>
public sealed record ReleaseScenario(Rota Rota, ReleasePolicy Policy);

/// <summary>A channel to show in the preview, under the name managers know it by.</summary>
/// <param name="Name">Display name, e.g. "111".</param>
/// <param name="Channel">A representative caller's channel (e.g. the local NHS 111 provider's ODS code and type).</param>
public sealed record PreviewChannel(string Name, Channel Channel);

/// <summary>What one channel could book on one day.</summary>
/// <param name="Released">Slots the rules release to the channel (at any time, including by hand-back).</param>
/// <param name="WithinQuotas">Of those, how many the channel could book from an empty diary before its quotas stop it.</param>
public sealed record ChannelCapacity(int Released, int WithinQuotas);

/// <summary>One channel on one day, now and as proposed.</summary>
/// <param name="Channel">The channel's display name.</param>
/// <param name="Current">Under the current scenario.</param>
/// <param name="Proposed">Under the proposal.</param>
public sealed record WhatIfChannelDay(string Channel, ChannelCapacity Current, ChannelCapacity Proposed);

/// <summary>One day of the preview.</summary>
/// <param name="Date">The local date.</param>
/// <param name="CurrentSlots">Bookable slots the current rota produces.</param>
/// <param name="ProposedSlots">Bookable slots the proposed rota produces.</param>
/// <param name="Channels">Per channel, in the order asked for.</param>
public sealed record WhatIfDay(LocalDate Date, int CurrentSlots, int ProposedSlots, IReadOnlyList<WhatIfChannelDay> Channels);

/// <summary>A booking the proposal leaves standing but whose channel the proposed rules would no longer release the slot to.</summary>
/// <param name="Appointment">The appointment; it stands.</param>
/// <param name="Explanation">For the manager.</param>
public sealed record OutsideProposedRelease(Appointment Appointment, string Explanation);

/// <summary>The preview: capacity per day and channel, and the appointments the proposal affects. Nothing is saved.</summary>
/// <param name="Days">Every date of the range, in order.</param>
/// <param name="AffectedAppointments">Booked appointments whose slots the proposed rota removes, suppresses or changes: staff must resolve these.</param>
/// <param name="OutsideRelease">Booked appointments that stand but that the proposed rules would not have let their channel make.</param>
public sealed record WhatIfResult(
    IReadOnlyList<WhatIfDay> Days,
    IReadOnlyList<AffectedAppointment> AffectedAppointments,
    IReadOnlyList<OutsideProposedRelease> OutsideRelease);

/// <summary>
/// Before a rota or release change is published: the slots it produces per channel per day against today's, and the
/// booked appointments it affects. Pure: generates slots for both scenarios and compares; stores nothing.
/// <para>"Within quotas" fills the channel's quotas greedily in slot order from an empty diary, so it is what that
/// channel alone could book on the day; with nested quotas (session within day, one service within all) greedy
/// filling reaches the true maximum.</para>
/// </summary>
public static class WhatIfPreview
{
    /// <summary>Compares <paramref name="proposed"/> with <paramref name="current"/> over <paramref name="dates"/>.</summary>
    /// <param name="current">What the practice runs now.</param>
    /// <param name="proposed">The change under consideration.</param>
    /// <param name="dates">The dates to preview, both ends inclusive.</param>
    /// <param name="channels">The channels to show.</param>
    /// <param name="appointments">Appointments with slots in the range (others are ignored).</param>
    /// <param name="practitionerName">Display names for leave explanations; optional.</param>
    public static WhatIfResult Preview(
        ReleaseScenario current,
        ReleaseScenario proposed,
        DateInterval dates,
        IReadOnlyList<PreviewChannel> channels,
        IEnumerable<Appointment> appointments,
        Func<int, string?>? practitionerName = null)
    {
        var currentSlots = SlotGenerator.Generate(current.Rota, dates);
        var proposedSlots = SlotGenerator.Generate(proposed.Rota, dates);

        var days = new List<WhatIfDay>(dates.Length);
        foreach (var date in dates)
        {
            var before = currentSlots.SlotsOn(date);
            var after = proposedSlots.SlotsOn(date);
            var perChannel = channels
                .Select(c => new WhatIfChannelDay(c.Name, Capacity(current.Policy, c.Channel, before), Capacity(proposed.Policy, c.Channel, after)))
                .ToList();
            days.Add(new WhatIfDay(date, before.Count(s => current.Policy.IsBookable(s.ServiceId)), after.Count(s => proposed.Policy.IsBookable(s.ServiceId)), perChannel));
        }

        var booked = appointments.Where(a => a.Status == AppointmentStatus.Booked && dates.Contains(a.Slot.Date)).ToList();
        var impact = RotaChangeImpact.Assess(currentSlots, proposedSlots, AffectedAppointments.BookedSlotIds(booked));
        var affected = AffectedAppointments.From(impact, booked, practitionerName);

        var outside = new List<OutsideProposedRelease>();
        foreach (var appointment in booked)
        {
            if (proposedSlots.TryGetSlot(appointment.Slot.Id, out var slot)
                && current.Policy.IsReleasedTo(appointment.Channel, slot)
                && !proposed.Policy.IsReleasedTo(appointment.Channel, slot))
            {
                outside.Add(new OutsideProposedRelease(
                    appointment, $"Booked through {appointment.Channel}; the proposed rules do not release this slot to that channel. The booking stands."));
            }
        }

        return new WhatIfResult(days, affected, outside);
    }

    /// <summary>Released slots of one day for a channel, and how many it could book before its quotas stop it.</summary>
    private static ChannelCapacity Capacity(ReleasePolicy policy, Channel channel, IReadOnlyList<Slot> daySlots)
    {
        var (released, withinQuotas) = ReleasedWithinQuotas(policy, channel, daySlots);
        return new ChannelCapacity(released, withinQuotas.Count);
    }

    /// <summary>
    /// How many of one day's slots the rules release to <paramref name="channel"/>, and which of them it could book from
    /// an empty diary before its quotas stop it (filled greedily in start order). The impact report counts with it too.
    /// </summary>
    /// <param name="policy">The rules and quotas.</param>
    /// <param name="channel">A representative caller's channel.</param>
    /// <param name="daySlots">Every slot of one day (share quotas are sized from them).</param>
    internal static (int Released, List<Slot> WithinQuotas) ReleasedWithinQuotas(ReleasePolicy policy, Channel channel, IReadOnlyList<Slot> daySlots)
    {
        var quotas = policy.Quotas.Where(q => q.Channel.Matches(channel)).ToList();
        var caps = new Dictionary<QuotaBucket, int>();
        var used = new Dictionary<QuotaBucket, int>();
        var released = 0;
        var withinQuotas = new List<Slot>();
        foreach (var slot in daySlots.OrderBy(s => s.Start))
        {
            if (!policy.IsReleasedTo(channel, slot))
            {
                continue;
            }

            released++;
            var buckets = quotas.Where(q => q.Governs(slot)).Select(q => (Quota: q, Bucket: q.BucketOf(slot))).ToList();
            if (buckets.All(b => used.GetValueOrDefault(b.Bucket) < Cap(b.Quota, b.Bucket)))
            {
                withinQuotas.Add(slot);
                foreach (var (_, bucket) in buckets)
                {
                    used[bucket] = used.GetValueOrDefault(bucket) + 1;
                }
            }
        }

        return (released, withinQuotas);

        int Cap(Quota quota, QuotaBucket bucket)
        {
            if (!caps.TryGetValue(bucket, out var cap))
            {
                var bookable = daySlots.Count(s =>
                    (bucket.Session is null || s.Session == bucket.Session) && quota.Governs(s) && policy.IsBookable(s.ServiceId));
                cap = quota.Limit.CapFor(bookable);
                caps[bucket] = cap;
            }

            return cap;
        }
    }
}
