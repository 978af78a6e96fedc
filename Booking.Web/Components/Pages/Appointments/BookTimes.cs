using Booking.Core.Release;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>When the book on screen next changes with nobody booking anything: time alone moves a verdict.</summary>
internal static class BookTimes
{
    /// <summary>
    /// The first instant after <paramref name="now"/> at which a slot of <paramref name="slots"/> may be judged differently
    /// for reception: an embargo lifts, reserved capacity is handed back, minimum notice runs out, a slot starts, or the
    /// practice's date turns (booking windows count days). The book re-judges then instead of polling.
    /// </summary>
    public static Instant NextVerdictChange(IEnumerable<BookSlot> slots, ReleasePolicy policy, Instant now)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(policy);
        var next = now.InZone(policy.Zone).Date.PlusDays(1).AtStartOfDayInZone(policy.Zone).ToInstant();
        foreach (var slot in slots.Where(s => s.State != SlotState.Booked))
        {
            Consider(slot.Slot.Start);
            if (policy.RuleFor(slot.Slot)?.TermsFor(Channel.Reception)?.MinimumNotice is { } notice)
            {
                Consider(slot.Slot.Start - notice);
            }

            foreach (var reason in slot.Reasons)
            {
                switch (reason)
                {
                    case Embargoed embargoed:
                        Consider(embargoed.Until);
                        break;
                    case HeldForOtherChannel held:
                        Consider(held.ReturnsAt);
                        break;
                }
            }
        }

        return next;

        void Consider(Instant candidate)
        {
            if (candidate > now && candidate < next)
            {
                next = candidate;
            }
        }
    }
}
