using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Reporting;

/// <summary>
/// Why a booking attempt was refused, as the reports count it: the two ways of "none was left" apart, the rest by kind.
/// Counted per slot date and channel group, never per patient.
/// </summary>
public enum RefusalReason
{
    /// <summary>The slot already held an appointment: someone else booked it first.</summary>
    SlotTaken,

    /// <summary>The channel's quota for the day (or session) was used up.</summary>
    QuotaUsed,

    /// <summary>The practice had paused the channel (the busy-day brake).</summary>
    ChannelPaused,

    /// <summary>The patient already held as many future bookings as the practice allows.</summary>
    PatientCapReached,

    /// <summary>Any other rule: not released to the channel, embargoed, outside the window, too late, not scheduled.</summary>
    OtherRule,
}

/// <summary>How refusals and channels are grouped for the reports.</summary>
public static class ReportGrouping
{
    /// <summary>The reason a refusal counts under; the first that says "none left" wins when a refusal gives several.</summary>
    public static RefusalReason ReasonOf(IReadOnlyCollection<WithheldReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (reasons.Any(r => r is SlotAlreadyBooked))
        {
            return RefusalReason.SlotTaken;
        }

        if (reasons.Any(r => r is QuotaUsed))
        {
            return RefusalReason.QuotaUsed;
        }

        if (reasons.Any(r => r is ChannelPaused))
        {
            return RefusalReason.ChannelPaused;
        }

        return reasons.Any(r => r is PatientCapReached) ? RefusalReason.PatientCapReached : RefusalReason.OtherRule;
    }

    /// <summary>The group <paramref name="channel"/> reports under.</summary>
    /// <param name="channel">The booking channel.</param>
    /// <param name="nhs111">Which organisation channels count as NHS 111 (the selector the release rules use).</param>
    public static ChannelGroup GroupOf(Channel channel, ChannelSelector nhs111)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(nhs111);
        return channel.Kind switch
        {
            ChannelKind.Reception => ChannelGroup.Reception,
            ChannelKind.Online => ChannelGroup.Online,
            _ when nhs111.Matches(channel) => ChannelGroup.Nhs111,
            _ => ChannelGroup.OtherOrganisations,
        };
    }
}

/// <summary>Refused booking attempts of one reason, for slots of one date, through one channel group.</summary>
/// <param name="Date">The date of the slot asked for.</param>
/// <param name="Group">The channel group that asked.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="Count">How many attempts.</param>
public sealed record RefusalCount(LocalDate Date, ChannelGroup Group, RefusalReason Reason, int Count);

/// <summary>How one channel's released slots of one day went.</summary>
/// <param name="Date">The slots' date.</param>
/// <param name="Group">The channel group the slots were released to.</param>
/// <param name="Released">Bookable slots the release rules in force on the day gave the group (at any time, with or
/// without an embargo or a hand-back).</param>
/// <param name="Taken">Of those, slots that now hold an appointment, whoever booked it.</param>
/// <param name="BookedThroughChannel">Of those, slots the group itself booked.</param>
/// <param name="AllTakenAt">When the last of them was booked, local time, if every one is taken; null while any is left.</param>
/// <param name="RefusedNoneLeft">Attempts by the group at that day's slots refused because the slot was taken or its quota used.</param>
/// <param name="RefusedOther">Attempts by the group refused for any other reason (paused, a rule, the patient's cap).</param>
public sealed record ChannelUptakeRow(
    LocalDate Date,
    ChannelGroup Group,
    int Released,
    int Taken,
    int BookedThroughChannel,
    LocalDateTime? AllTakenAt,
    int RefusedNoneLeft,
    int RefusedOther)
{
    /// <summary>Released slots still free.</summary>
    public int Left => Released - Taken;
}

/// <summary>
/// How fast each channel's slots go: for every date and outside channel group (online, NHS 111), how many slots were
/// released to it, how many were taken and, once all were, when the last went; with the group's refused attempts.
/// Pure: computed from the slots the rota produced, the appointments stored, the release rules and the refusal counts.
/// <para>"When the last went" is the booking time of the appointment now holding the last slot to be taken: a slot
/// cancelled and booked again counts from its second booking, the moment the day was full again.</para>
/// </summary>
public static class ChannelUptake
{
    /// <summary>The groups reported: the ones the practice releases to and limits (reception books whatever is left).</summary>
    public static IReadOnlyList<ChannelGroup> Groups { get; } = [ChannelGroup.Online, ChannelGroup.Nhs111];

    /// <summary>One row per date of <paramref name="range"/> and group of <see cref="Groups"/>, in date then group order.</summary>
    /// <param name="zone">The practice time zone, for the local time the last slot went.</param>
    /// <param name="range">The slot dates reported (inclusive).</param>
    /// <param name="slots">The slots the rota produced over at least the range.</param>
    /// <param name="appointments">Appointments with slots in the range (cancelled ones are ignored).</param>
    /// <param name="policy">The release rules (their versions are chosen by each slot's date).</param>
    /// <param name="representatives">For each group, the channels that stand for it when asking whether a slot was
    /// released to it (online: the online channel; NHS 111: each NHS 111 organisation known); a slot released to any counts.</param>
    /// <param name="nhs111">Which organisation channels count as NHS 111.</param>
    /// <param name="refusals">Refused attempts, counted per date, group and reason.</param>
    public static IReadOnlyList<ChannelUptakeRow> Compute(
        DateTimeZone zone,
        DateInterval range,
        IEnumerable<Slot> slots,
        IEnumerable<Appointment> appointments,
        ReleasePolicy policy,
        IReadOnlyDictionary<ChannelGroup, IReadOnlyList<Channel>> representatives,
        ChannelSelector nhs111,
        IEnumerable<RefusalCount> refusals)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(representatives);
        ArgumentNullException.ThrowIfNull(nhs111);

        var holders = appointments
            .Where(a => a.IsActive && range.Contains(a.Slot.Date))
            .SelectMany(a => a.Slots.Select(slot => (id: slot.Id, a)))
            .GroupBy(pair => pair.id)
            .ToDictionary(g => g.Key, g => g.First().a);
        var slotsByDate = slots
            .Where(s => range.Contains(s.Date) && policy.IsBookable(s.ServiceId))
            .GroupBy(s => s.Date)
            .ToDictionary(g => g.Key, g => g.ToList());
        var refused = refusals
            .Where(r => range.Contains(r.Date))
            .GroupBy(r => (r.Date, r.Group, NoneLeft: r.Reason is RefusalReason.SlotTaken or RefusalReason.QuotaUsed))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

        var rows = new List<ChannelUptakeRow>();
        foreach (var date in range)
        {
            var daySlots = slotsByDate.GetValueOrDefault(date) ?? [];
            foreach (var group in Groups)
            {
                var channels = representatives.GetValueOrDefault(group) ?? [];
                var released = daySlots.Where(s => channels.Any(c => policy.IsReleasedTo(c, s))).ToList();
                var takenBy = released.Select(s => holders.GetValueOrDefault(s.Id)).OfType<Appointment>().ToList();
                var allTakenAt = released.Count > 0 && takenBy.Count == released.Count
                    ? takenBy.Max(a => a.CreatedAt).InZone(zone).LocalDateTime
                    : (LocalDateTime?)null;
                rows.Add(new ChannelUptakeRow(
                    date,
                    group,
                    released.Count,
                    takenBy.Count,
                    takenBy.Count(a => ReportGrouping.GroupOf(a.Channel, nhs111) == group),
                    allTakenAt,
                    refused.GetValueOrDefault((date, group, true)),
                    refused.GetValueOrDefault((date, group, false))));
            }
        }

        return rows;
    }
}
