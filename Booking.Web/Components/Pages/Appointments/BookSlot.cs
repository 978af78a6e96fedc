using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>What reception sees in a slot of the appointment book.</summary>
public enum SlotState
{
    /// <summary>Reception may book it now.</summary>
    Free,

    /// <summary>An active appointment holds it (booked, arrived, seen or did not attend).</summary>
    Booked,

    /// <summary>Held for another channel (e.g. NHS 111) until it is handed back to reception.</summary>
    Reserved,

    /// <summary>Not offered for another reason: embargoed, started, closed, on leave, a quota used.</summary>
    Withheld,
}

/// <summary>One slot of the appointment book, judged for reception by the release policy (no rule is applied here).</summary>
/// <param name="Slot">The slot (for a booked one, as copied at booking).</param>
/// <param name="State">What reception sees.</param>
/// <param name="Reasons">Why reception may not book it now; empty when free.</param>
/// <param name="Appointment">The active appointment holding it, if any.</param>
/// <param name="Channels">Who the slot is released to, or for a booked slot the channel it was booked through.</param>
/// <param name="ContactReason">
/// For a booked slot that a closure, leave or rota change has taken away: why, e.g. "Practice closed: Training".
/// Reception must contact the patient (the home page lists them all).
/// </param>
public sealed record BookSlot(
    Slot Slot, SlotState State, IReadOnlyList<WithheldReason> Reasons, StoredAppointment? Appointment, IReadOnlyList<string> Channels,
    string? ContactReason = null)
{
    /// <summary>What a booked slot the rota no longer produces says.</summary>
    public const string NoLongerInRota = "The rota no longer has this slot";

    /// <summary>The reasons as one sentence, e.g. "Embargoed until 08:00 tomorrow".</summary>
    public string WhyNotOffered => string.Join("; ", Reasons.Select(r => r.Message));

    /// <summary>
    /// The slots of <paramref name="availability"/> (judged for reception) that match the filters, each with its holder
    /// from <paramref name="appointments"/>, by start then practitioner. Active appointments whose slot the rota no
    /// longer produces (a rota change) are listed too, so staff see and resolve them (rule 4).
    /// </summary>
    public static IReadOnlyList<BookSlot> Build(
        Availability availability, IEnumerable<StoredAppointment> appointments, ReleasePolicy policy, int? siteId, int? practitionerId)
    {
        bool Wanted(Slot slot) => (siteId is null || slot.SiteId == siteId) && (practitionerId is null || slot.PractitionerId == practitionerId);

        var holders = appointments
            .Where(a => a.Appointment.IsActive && Wanted(a.Appointment.Slot))
            .ToDictionary(a => a.Appointment.Slot.Id);
        var slots = new List<BookSlot>();
        foreach (var verdict in availability.Verdicts.Where(v => Wanted(v.Slot)))
        {
            if (holders.Remove(verdict.Slot.Id, out var holder))
            {
                slots.Add(Booked(holder, verdict.Reasons, verdict.Reasons.OfType<NotScheduled>().FirstOrDefault()?.Message));
                continue;
            }

            var state = verdict.IsOffered ? SlotState.Free
                : verdict.Reasons.Any(r => r is HeldForOtherChannel) ? SlotState.Reserved
                : SlotState.Withheld;
            slots.Add(new BookSlot(verdict.Slot, state, verdict.Reasons, null, ReleasedTo(policy, verdict)));
        }

        slots.AddRange(holders.Values.Select(holder => Booked(holder, [], NoLongerInRota)));
        return slots.OrderBy(s => s.Slot.LocalStart).ThenBy(s => s.Slot.PractitionerId).ThenBy(s => s.Slot.Id.Value, StringComparer.Ordinal).ToList();
    }

    private static BookSlot Booked(StoredAppointment holder, IReadOnlyList<WithheldReason> reasons, string? contactReason) =>
        new(holder.Appointment.Slot, SlotState.Booked, reasons, holder, [Formats.Channel(holder.Appointment.Channel)],
            holder.Appointment.Status == Core.Appointments.AppointmentStatus.Booked ? contactReason : null);

    // A suppressed slot (closure, leave) has no channels; a slot no rule governs is the practice desk's alone.
    private static IReadOnlyList<string> ReleasedTo(ReleasePolicy policy, SlotVerdict verdict)
    {
        if (verdict.Reasons.Any(r => r is NotScheduled))
        {
            return [];
        }

        var rule = policy.RuleFor(verdict.Slot);
        if (rule is null)
        {
            return ["reception"];
        }

        var channels = rule.Channels.Select(c => c.Channel.Name).ToList();
        if (rule.HandBack is { } handBack && !channels.Contains(handBack.To.Name))
        {
            channels.Add($"{handBack.To.Name} from {Formats.Time(handBack.At(verdict.Slot).InZone(policy.Zone).LocalDateTime)}");
        }

        return channels;
    }
}
