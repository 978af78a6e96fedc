using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// One bookable interval of one practitioner for one service at one site, produced from the rota.
/// Slots are computed, not edited: the same rota and date always give the same slot with the same
/// <see cref="Id"/>. Two slots are equal when their facts are equal, however they were built.
/// </summary>
/// <remarks>
/// A year of a large practice holds a few hundred thousand slots, so a slot stores only two references:
/// its session occurrence (key, practitioner, site, the day's origin instant), shared by every slot of the
/// session, and its layout's planned slot (local times, service, times since the origin), shared by every
/// date the layout runs on. The properties compute from them; the id text is built on first use.
/// </remarks>
public sealed class Slot : IEquatable<Slot>
{
    private readonly SessionOccurrence _session;
    private readonly PlannedSlot _planned;

    // Built on first read. Two threads may both build it; they build equal strings, and a SlotId is a
    // single reference, so a reader sees either no id or a whole one.
    private SlotId _id;

    internal Slot(SessionOccurrence session, PlannedSlot planned)
    {
        _session = session;
        _planned = planned;
    }

    /// <summary>A slot from its facts, checked against each other (generation builds slots itself).</summary>
    /// <param name="id">Stable identity; must be <see cref="SlotId.For"/> of <paramref name="session"/> and the local start time.</param>
    /// <param name="session">The session occurrence that produced this slot (quotas per session key on it).</param>
    /// <param name="practitionerId">Who delivers the slot.</param>
    /// <param name="siteId">Where the slot takes place.</param>
    /// <param name="serviceId">What the slot is for.</param>
    /// <param name="localStart">Local wall-clock start in the practice time zone, on the session's date.</param>
    /// <param name="localEnd">Local wall-clock end (exclusive), after the start on the same date.</param>
    /// <param name="interval">The same slot as UTC instants, half-open [start, end), both ends bounded.</param>
    public Slot(
        SlotId id,
        SessionKey session,
        int practitionerId,
        int siteId,
        int serviceId,
        LocalDateTime localStart,
        LocalDateTime localEnd,
        Interval interval)
    {
        if (localStart.Date != session.Date || localEnd.Date != session.Date || localEnd <= localStart)
        {
            throw new ArgumentException($"A slot of {session} runs forwards within {session.Date}: {localStart} to {localEnd}.", nameof(localEnd));
        }

        if (!interval.HasStart || !interval.HasEnd)
        {
            throw new ArgumentException("A slot's interval has both ends.", nameof(interval));
        }

        if (id != SlotId.For(session, localStart.TimeOfDay))
        {
            throw new ArgumentException($"Slot id {id} is not the id of {session} at {localStart.TimeOfDay}.", nameof(id));
        }

        _session = new SessionOccurrence(session, practitionerId, siteId, interval.Start);
        _planned = new PlannedSlot(
            localStart.TimeOfDay, localEnd.TimeOfDay, serviceId, SlotId.FormatStart(localStart.TimeOfDay), Duration.Zero, interval.Duration);
        _id = id;
    }

    /// <summary>Stable identity, derived from <see cref="Session"/> and the local start time.</summary>
    public SlotId Id => _id.Value is null ? _id = SlotId.FromParts(_session.IdPrefix, _planned.StartText) : _id;

    /// <summary>The session occurrence that produced this slot (quotas per session key on it).</summary>
    public SessionKey Session => _session.Key;

    /// <summary>Who delivers the slot.</summary>
    public int PractitionerId => _session.PractitionerId;

    /// <summary>Where the slot takes place.</summary>
    public int SiteId => _session.SiteId;

    /// <summary>What the slot is for.</summary>
    public int ServiceId => _planned.ServiceId;

    /// <summary>Local wall-clock start in the practice time zone, as the rota says it.</summary>
    public LocalDateTime LocalStart => Date.At(_planned.Start);

    /// <summary>Local wall-clock end (exclusive).</summary>
    public LocalDateTime LocalEnd => Date.At(_planned.End);

    /// <summary>The same slot as UTC instants, half-open [start, end).</summary>
    public Interval Interval => new(Start, End);

    /// <summary>The local date the slot falls on (the session's date).</summary>
    public LocalDate Date => _session.Key.Date;

    /// <summary>UTC start instant.</summary>
    public Instant Start => _session.Origin + _planned.StartSinceOrigin;

    /// <summary>UTC end instant (exclusive).</summary>
    public Instant End => _session.Origin + _planned.EndSinceOrigin;

    /// <summary>Equal facts: session, practitioner, site, service, local times and instants (the id follows from them).</summary>
    public static bool operator ==(Slot? left, Slot? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Not equal facts.</summary>
    public static bool operator !=(Slot? left, Slot? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(Slot? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null)
        {
            return false;
        }

        // Slots of one generation share their session and planned objects; compare the facts only when not.
        var sameSession = ReferenceEquals(_session, other._session)
            || (_session.Key == other._session.Key
                && _session.PractitionerId == other._session.PractitionerId
                && _session.SiteId == other._session.SiteId);
        var samePlan = ReferenceEquals(_planned, other._planned)
            || (_planned.Start == other._planned.Start
                && _planned.End == other._planned.End
                && _planned.ServiceId == other._planned.ServiceId);
        return sameSession && samePlan && Start == other.Start && End == other.End;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Slot);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(_session.Key, _session.PractitionerId, _session.SiteId, _planned.ServiceId, _planned.Start, _planned.End, Start, End);

    /// <inheritdoc />
    public override string ToString() =>
        $"Slot {{ Id = {Id}, PractitionerId = {PractitionerId}, SiteId = {SiteId}, ServiceId = {ServiceId}, LocalStart = {LocalStart}, LocalEnd = {LocalEnd}, Interval = {Interval} }}";
}

/// <summary>
/// One session on one date, shared by all its slots: the key, who and where, and the origin instant its
/// planned slots' durations count from (the date's midnight under <see cref="Booking.Core.Time.ClockChangeRule"/> for
/// generated slots).
/// </summary>
internal sealed class SessionOccurrence(SessionKey key, int practitionerId, int siteId, Instant origin)
{
    private string? _idPrefix;

    public SessionKey Key { get; } = key;

    public int PractitionerId { get; } = practitionerId;

    public int SiteId { get; } = siteId;

    public Instant Origin { get; } = origin;

    /// <summary>The <c>{key}-</c> start of every slot id of the session, formatted once when the first id is asked for.</summary>
    public string IdPrefix => _idPrefix ??= Key + "-";
}
