using System.Diagnostics.CodeAnalysis;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Appointments;

/// <summary>A request to book one slot, or several adjacent slots, for one patient.</summary>
/// <param name="Id">The new appointment's id, chosen by the caller (a retry reuses it).</param>
/// <param name="Patient">Who it is for.</param>
/// <param name="Slot">The slot, as generated now from the rota (the first, when there are several).</param>
/// <param name="Channel">The channel booking it.</param>
/// <param name="By">The staff user or API client acting.</param>
public sealed record BookingRequest(AppointmentId Id, PatientDetails Patient, Slot Slot, Channel Channel, Actor By)
{
    /// <summary>More slots for the same appointment, adjacent to <see cref="Slot"/> on its schedule (<see cref="AdjacentSlots"/>).</summary>
    public IReadOnlyList<Slot> FollowingSlots { get; init; } = [];

    /// <summary>What the booking party sends with the booking, kept on the appointment.</summary>
    public SupportingInformation SupportingInformation { get; init; } = SupportingInformation.None;
}

/// <summary>The outcome of a booking: the appointment, or the reasons it was refused (never both, never neither).</summary>
public sealed record BookingResult
{
    private BookingResult(Appointment? appointment, IReadOnlyList<WithheldReason> reasons)
    {
        Appointment = appointment;
        Reasons = reasons;
    }

    /// <summary>The new appointment when <see cref="Succeeded"/>.</summary>
    public Appointment? Appointment { get; }

    /// <summary>Why it was refused (e.g. <see cref="SlotAlreadyBooked"/>, <see cref="QuotaUsed"/>,
    /// <see cref="NotReleasedToChannel"/>, <see cref="PatientCapReached"/>); empty when booked.</summary>
    public IReadOnlyList<WithheldReason> Reasons { get; }

    /// <summary>Whether the slot was booked.</summary>
    [MemberNotNullWhen(true, nameof(Appointment))]
    public bool Succeeded => Appointment is not null;

    internal static BookingResult Booked(Appointment appointment) => new(appointment, []);

    internal static BookingResult Refused(IReadOnlyList<WithheldReason> reasons) => new(null, reasons);
}

/// <summary>
/// The outcome of a move: on success the original, now cancelled as <see cref="CancellationReason.Moved"/>, and the
/// new appointment; on refusal the reasons the target was not bookable (or the original could not be cancelled),
/// with the original untouched.
/// </summary>
public sealed record MoveResult
{
    private MoveResult(Appointment? cancelled, Appointment? booked, IReadOnlyList<WithheldReason> reasons, IllegalTransition? refusal)
    {
        Cancelled = cancelled;
        Booked = booked;
        Reasons = reasons;
        Refusal = refusal;
    }

    /// <summary>The original, cancelled, when <see cref="Succeeded"/>.</summary>
    public Appointment? Cancelled { get; }

    /// <summary>The new appointment in the target slot, when <see cref="Succeeded"/>.</summary>
    public Appointment? Booked { get; }

    /// <summary>Why the target slot was refused; empty otherwise.</summary>
    public IReadOnlyList<WithheldReason> Reasons { get; }

    /// <summary>Why the original could not be moved (it is not in a movable state); null otherwise.</summary>
    public IllegalTransition? Refusal { get; }

    /// <summary>Whether the move was made.</summary>
    [MemberNotNullWhen(true, nameof(Cancelled), nameof(Booked))]
    public bool Succeeded => Booked is not null;

    internal static MoveResult Moved(Appointment cancelled, Appointment booked) => new(cancelled, booked, [], null);

    internal static MoveResult TargetRefused(IReadOnlyList<WithheldReason> reasons) => new(null, null, reasons, null);

    internal static MoveResult OriginalRefused(IllegalTransition refusal) => new(null, null, [], refusal);
}

/// <summary>
/// Booking, cancelling and moving against a <see cref="QuotaLedger"/>, under a <see cref="ReleasePolicy"/>.
/// Every booking re-checks availability at <c>now</c> and records itself in the ledger only when allowed, so
/// within one ledger: a slot holds at most one active appointment (rule 1) and quotas are never exceeded.
/// Across concurrent requests the data layer runs each call in a transaction with a ledger read inside it, and the
/// database's unique index on active appointments per slot decides the race.
/// </summary>
/// <param name="policy">The release rules to enforce.</param>
public sealed class AppointmentBook(ReleasePolicy policy)
{
    /// <summary>The rules enforced.</summary>
    public ReleasePolicy Policy { get; } = policy;

    /// <summary>
    /// Books <see cref="BookingRequest.Slot"/> when the request's channel and patient may book it at
    /// <paramref name="now"/>; records it in <paramref name="ledger"/> on success.
    /// </summary>
    /// <param name="request">What to book.</param>
    /// <param name="slotsInScope">The slots of the target slot's date (share quotas are sized from them).</param>
    /// <param name="ledger">Active bookings; updated on success.</param>
    /// <param name="now">The booking instant.</param>
    public BookingResult Book(BookingRequest request, IReadOnlyCollection<Slot> slotsInScope, QuotaLedger ledger, Instant now)
    {
        IReadOnlyList<Slot> asked = [request.Slot, .. request.FollowingSlots];
        if (AdjacentSlots.Problem(asked) is { } notAdjacent)
        {
            return BookingResult.Refused([notAdjacent]);
        }

        // All or none: each slot is judged with the ones before it already in the ledger, so every slot takes its own
        // quota place; on a refusal the places taken so far are given back. The patient cap counts appointments, not
        // slots, so it is judged once, on the first slot, before any slot of this booking is in the ledger.
        var slots = AdjacentSlots.InStartOrder(asked);
        var withPatient = new Caller(request.Channel, request.Patient.NhsNumber);
        var recorded = new List<SlotId>(slots.Count);
        foreach (var slot in slots)
        {
            var reasons = Policy.WhyNot(recorded.Count == 0 ? withPatient : new Caller(request.Channel), now, slot, slotsInScope, ledger);
            if (reasons.Count > 0)
            {
                recorded.ForEach(id => ledger.Remove(id));
                return BookingResult.Refused(reasons);
            }

            ledger.Record(LedgerEntry.For(slot, request.Channel, request.Patient.NhsNumber, request.Id));
            recorded.Add(slot.Id);
        }

        return BookingResult.Booked(Appointment.Book(request.Id, request.Patient, slots, request.Channel, request.By, now, request.SupportingInformation));
    }

    /// <summary>Cancels <paramref name="appointment"/> and frees its slot in <paramref name="ledger"/> at once.</summary>
    /// <param name="appointment">A booked appointment.</param>
    /// <param name="reason">Why.</param>
    /// <param name="note">Optional free text.</param>
    /// <param name="by">Who cancels.</param>
    /// <param name="ledger">Active bookings; updated on success.</param>
    /// <param name="now">When.</param>
    public TransitionResult Cancel(
        Appointment appointment, CancellationReason reason, string? note, Actor by, QuotaLedger ledger, Instant now)
    {
        var result = appointment.Cancel(reason, note, by, now);
        if (result.Succeeded)
        {
            foreach (var slot in appointment.Slots)
            {
                ledger.Remove(slot.Id);
            }
        }

        return result;
    }

    /// <summary>
    /// Moves a booked appointment to <paramref name="target"/>: as one step, cancels the original (reason Moved) and
    /// books the target for the same patient on <paramref name="channel"/>. The target is judged as if the original
    /// were already cancelled (a patient at the cap can still move; freeing a quota place counts). If the target is
    /// refused, the ledger is restored and the original kept.
    /// </summary>
    /// <param name="appointment">The booked appointment to move.</param>
    /// <param name="target">The new slot.</param>
    /// <param name="newId">Id for the new appointment.</param>
    /// <param name="channel">The channel making the move.</param>
    /// <param name="by">Who moves it.</param>
    /// <param name="slotsInScope">The slots of the target's date.</param>
    /// <param name="ledger">Active bookings; updated on success only.</param>
    /// <param name="now">When.</param>
    public MoveResult Move(
        Appointment appointment,
        Slot target,
        AppointmentId newId,
        Channel channel,
        Actor by,
        IReadOnlyCollection<Slot> slotsInScope,
        QuotaLedger ledger,
        Instant now)
    {
        if (appointment.Slots.Count > 1)
        {
            // The target is one slot: moving would silently shorten the appointment.
            return MoveResult.OriginalRefused(new IllegalTransition(
                appointment.Status, AppointmentStatus.Cancelled, "An appointment over several slots cannot be moved: cancel it and book again."));
        }

        var cancelled = appointment.Cancel(CancellationReason.Moved, $"Moved to {target.Id}", by, now);
        if (!cancelled.Succeeded)
        {
            return MoveResult.OriginalRefused(cancelled.Refusal);
        }

        var original = ledger.HolderOf(appointment.Slot.Id);
        ledger.Remove(appointment.Slot.Id);
        var booked = Book(
            new BookingRequest(newId, appointment.Patient, target, channel, by) { SupportingInformation = appointment.SupportingInformation }, slotsInScope, ledger, now);
        if (booked.Succeeded)
        {
            return MoveResult.Moved(cancelled.Appointment, booked.Appointment);
        }

        if (original is not null)
        {
            ledger.Record(original);
        }

        return MoveResult.TargetRefused(booked.Reasons);
    }
}
