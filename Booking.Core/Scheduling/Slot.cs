using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// One bookable interval of one practitioner for one service at one site, produced from the rota.
/// Slots are computed, not edited: the same rota and date always give the same slot with the same
/// <see cref="Id"/>.
/// </summary>
/// <param name="Id">Stable identity, derived from <paramref name="Session"/> and <paramref name="LocalStart"/>.</param>
/// <param name="Session">The session occurrence that produced this slot (quotas per session key on it).</param>
/// <param name="PractitionerId">Who delivers the slot.</param>
/// <param name="SiteId">Where the slot takes place.</param>
/// <param name="ServiceId">What the slot is for.</param>
/// <param name="LocalStart">Local wall-clock start in the practice time zone, as the rota says it.</param>
/// <param name="LocalEnd">Local wall-clock end (exclusive).</param>
/// <param name="Interval">The same slot as UTC instants, half-open [start, end).</param>
public sealed record Slot(
    SlotId Id,
    SessionKey Session,
    int PractitionerId,
    int SiteId,
    int ServiceId,
    LocalDateTime LocalStart,
    LocalDateTime LocalEnd,
    Interval Interval)
{
    /// <summary>The local date the slot falls on (the session's date).</summary>
    public LocalDate Date => Session.Date;

    /// <summary>UTC start instant.</summary>
    public Instant Start => Interval.Start;

    /// <summary>UTC end instant (exclusive).</summary>
    public Instant End => Interval.End;
}
