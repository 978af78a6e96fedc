using System.Diagnostics.CodeAnalysis;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Appointments;

/// <summary>
/// A patient's booking of one slot, or of several adjacent slots of one schedule (<see cref="AdjacentSlots"/>). Immutable: every change returns a new value with the change appended to
/// <see cref="History"/>, which the data layer stores and audits.
/// <para>The slot is copied (<see cref="Slot"/>: start, end, practitioner, site, service) at booking, so a later rota
/// change cannot move the appointment silently: the appointment keeps what the patient was told, and
/// <see cref="AffectedAppointments"/> lists it for staff when the rota no longer produces that slot.</para>
/// <para>Legal transitions: Booked → Arrived (from the appointment's local day), Booked → DidNotAttend (once it has
/// ended), Booked → Fulfilled (once started; Fulfilled without Arrived covers telephone and video), Arrived → Fulfilled,
/// Booked → Cancelled (until the slot ends; through <see cref="AppointmentBook.Cancel"/> so the ledger frees it),
/// Arrived → Booked and DidNotAttend → Booked (<see cref="UndoOutcome"/>: a desk's mistaken click put right).
/// Fulfilled and Cancelled are final.</para>
/// </summary>
public sealed class Appointment
{
    private Appointment(
        AppointmentId id,
        PatientDetails patient,
        IReadOnlyList<Slot> slots,
        Channel channel,
        AppointmentStatus status,
        CancellationReason? cancellationReason,
        IReadOnlyList<StatusChange> history,
        SupportingInformation supportingInformation)
    {
        Id = id;
        Patient = patient;
        Slots = slots;
        Channel = channel;
        Status = status;
        CancellationReason = cancellationReason;
        History = history;
        SupportingInformation = supportingInformation;
    }

    /// <summary>Identity.</summary>
    public AppointmentId Id { get; }

    /// <summary>Who it is for.</summary>
    public PatientDetails Patient { get; }

    /// <summary>The first slot as it was when booked (copied facts; the rota may have changed since): where it starts.</summary>
    public Slot Slot => Slots[0];

    /// <summary>Every slot it holds, in start order, each starting when the one before ends; one for most appointments.</summary>
    public IReadOnlyList<Slot> Slots { get; }

    /// <summary>When it ends (exclusive): the end of its last slot.</summary>
    public Instant End => Slots[^1].End;

    /// <summary>From the start of its first slot to the end of its last, half-open.</summary>
    public Interval Interval => new(Slot.Start, End);

    /// <summary>The channel it was booked through.</summary>
    public Channel Channel { get; }

    /// <summary>The booking organisation's ODS code; null when booked by the practice or the patient.</summary>
    public OdsCode? BookingOrganisation => Channel.Organisation;

    /// <summary>Current status.</summary>
    public AppointmentStatus Status { get; }

    /// <summary>Set exactly when <see cref="Status"/> is Cancelled.</summary>
    public CancellationReason? CancellationReason { get; }

    /// <summary>Every status change, oldest first; the first is the booking.</summary>
    public IReadOnlyList<StatusChange> History { get; }

    /// <summary>What the booking party sent with the booking (description and comment), for staff to read.</summary>
    public SupportingInformation SupportingInformation { get; }

    /// <summary>Who booked it.</summary>
    public Actor CreatedBy => History[0].By;

    /// <summary>When it was booked.</summary>
    public Instant CreatedAt => History[0].At;

    /// <summary>Who changed it last.</summary>
    public Actor ChangedBy => History[^1].By;

    /// <summary>When it was changed last.</summary>
    public Instant ChangedAt => History[^1].At;

    /// <summary>Whether it still holds its slot: every status but Cancelled (a DNA or fulfilled appointment used the slot).</summary>
    public bool IsActive => Status != AppointmentStatus.Cancelled;

    /// <summary>
    /// Rebuilds a stored appointment. <paramref name="history"/> must be non-empty, start with the booking
    /// (From null, To Booked) and end with <paramref name="status"/>; a cancellation reason goes with Cancelled only;
    /// <paramref name="followingSlots"/> are the slots after <paramref name="slot"/>, adjacent to it.
    /// </summary>
    /// <exception cref="ArgumentException">The stored facts contradict each other.</exception>
    public static Appointment Restore(
        AppointmentId id,
        PatientDetails patient,
        Slot slot,
        Channel channel,
        AppointmentStatus status,
        CancellationReason? cancellationReason,
        IReadOnlyList<StatusChange> history,
        IReadOnlyList<Slot>? followingSlots = null,
        SupportingInformation? supportingInformation = null)
    {
        IReadOnlyList<Slot> slots = [slot, .. followingSlots ?? []];
        if (AdjacentSlots.Problem(slots) is { } notAdjacent || AdjacentSlots.InStartOrder(slots)[0] != slot)
        {
            throw new ArgumentException("The stored slots are not adjacent, starting with the first.", nameof(followingSlots));
        }

        if (history.Count == 0 || history[0].From is not null || history[0].To != AppointmentStatus.Booked)
        {
            throw new ArgumentException("History must start with the booking.", nameof(history));
        }

        if (history[^1].To != status)
        {
            throw new ArgumentException("History must end in the current status.", nameof(history));
        }

        if ((status == AppointmentStatus.Cancelled) != (cancellationReason is not null))
        {
            throw new ArgumentException("A cancellation reason goes with the Cancelled status only.", nameof(cancellationReason));
        }

        return new Appointment(id, patient, AdjacentSlots.InStartOrder(slots), channel, status, cancellationReason, history.ToList(),
            supportingInformation ?? SupportingInformation.None);
    }

    /// <summary>The ledger entries for this appointment, one per slot (meaningful while <see cref="IsActive"/>).</summary>
    public IEnumerable<LedgerEntry> ToLedgerEntries() => Slots.Select(slot => LedgerEntry.For(slot, Channel, Patient.NhsNumber, Id));

    /// <summary>Records the patient's arrival: Booked only, not before the appointment's local day.</summary>
    public TransitionResult MarkArrived(Actor by, Instant now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            return Refuse(AppointmentStatus.Arrived, $"Only a booked appointment can be marked arrived; this one is {Describe(Status)}.");
        }

        if (LocalAtSlotOffset(now).Date < Slot.Date)
        {
            return Refuse(AppointmentStatus.Arrived, "Arrival can be recorded only on the day of the appointment.");
        }

        return Change(AppointmentStatus.Arrived, by, now);
    }

    /// <summary>
    /// Records a missed appointment: Booked only, once it has ended (a patient running late may still arrive
    /// during their slot, so a did-not-attend before the end would be a guess).
    /// </summary>
    public TransitionResult MarkDidNotAttend(Actor by, Instant now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            return Refuse(AppointmentStatus.DidNotAttend, $"Only a booked appointment can be marked did-not-attend; this one is {Describe(Status)}.");
        }

        if (now < End)
        {
            return Refuse(
                AppointmentStatus.DidNotAttend,
                $"Did-not-attend can be recorded only once the appointment has ended, at {Slots[^1].LocalEnd.TimeOfDay:HH':'mm}; the patient may still arrive.");
        }

        return Change(AppointmentStatus.DidNotAttend, by, now);
    }

    /// <summary>
    /// Puts an arrived or did-not-attend appointment back to Booked, as it was before the mark: a mistaken click at the
    /// desk is corrected, never left in the reports. The change is kept in <see cref="History"/> like any other.
    /// </summary>
    public TransitionResult UndoOutcome(Actor by, Instant now)
    {
        if (Status is not (AppointmentStatus.Arrived or AppointmentStatus.DidNotAttend))
        {
            return Refuse(AppointmentStatus.Booked, $"Only an arrival or a did-not-attend can be undone; this appointment is {Describe(Status)}.");
        }

        return Change(AppointmentStatus.Booked, by, now);
    }

    /// <summary>Records that the appointment took place: from Arrived, or from Booked once started (remote consultations).</summary>
    public TransitionResult MarkFulfilled(Actor by, Instant now)
    {
        if (Status == AppointmentStatus.Arrived)
        {
            return Change(AppointmentStatus.Fulfilled, by, now);
        }

        if (Status != AppointmentStatus.Booked)
        {
            return Refuse(AppointmentStatus.Fulfilled, $"Only a booked or arrived appointment can be marked fulfilled; this one is {Describe(Status)}.");
        }

        if (now < Slot.Start)
        {
            return Refuse(AppointmentStatus.Fulfilled, "An appointment can be marked fulfilled only after it has started.");
        }

        return Change(AppointmentStatus.Fulfilled, by, now);
    }

    /// <summary>A new booking; only <see cref="AppointmentBook"/> makes one, after the release rules allowed it.</summary>
    internal static Appointment Book(
        AppointmentId id, PatientDetails patient, IReadOnlyList<Slot> slots, Channel channel, Actor by, Instant now, SupportingInformation supportingInformation) =>
        new(id, patient, slots, channel, AppointmentStatus.Booked, null, [new StatusChange(null, AppointmentStatus.Booked, now, by)], supportingInformation);

    /// <summary>Cancels: Booked only, until the slot ends. The caller frees the ledger.</summary>
    internal TransitionResult Cancel(CancellationReason reason, string? note, Actor by, Instant now)
    {
        if (Status != AppointmentStatus.Booked)
        {
            return Refuse(AppointmentStatus.Cancelled, $"Only a booked appointment can be cancelled; this one is {Describe(Status)}.");
        }

        if (now >= End)
        {
            return Refuse(AppointmentStatus.Cancelled, "The appointment is over: mark it fulfilled or did-not-attend instead.");
        }

        return Change(AppointmentStatus.Cancelled, by, now, reason, note);
    }

    private TransitionResult Change(
        AppointmentStatus to, Actor by, Instant now, CancellationReason? reason = null, string? note = null)
    {
        var history = new List<StatusChange>(History.Count + 1);
        history.AddRange(History);
        history.Add(new StatusChange(Status, to, now, by, note));
        return TransitionResult.Done(new Appointment(Id, Patient, Slots, Channel, to, reason, history, SupportingInformation));
    }

    private TransitionResult Refuse(AppointmentStatus to, string message) =>
        TransitionResult.Refused(new IllegalTransition(Status, to, message));

    /// <summary>
    /// Local date-time of <paramref name="now"/> at the offset the slot itself has (its local start minus its UTC
    /// start). Avoids needing the zone here; it can differ from the true local time only across a clock change,
    /// which in the UK happens at 01:00–02:00 when no surgery runs.
    /// </summary>
    private LocalDateTime LocalAtSlotOffset(Instant now) =>
        (now + (Slot.LocalStart.InUtc().ToInstant() - Slot.Start)).InUtc().LocalDateTime;

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.DidNotAttend => "marked did-not-attend",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>The outcome of a status change: the changed appointment, or why the change is not allowed.</summary>
public sealed record TransitionResult
{
    private TransitionResult(Appointment? appointment, IllegalTransition? refusal)
    {
        Appointment = appointment;
        Refusal = refusal;
    }

    /// <summary>The changed appointment when <see cref="Succeeded"/>.</summary>
    public Appointment? Appointment { get; }

    /// <summary>Why not, when refused.</summary>
    public IllegalTransition? Refusal { get; }

    /// <summary>Whether the change was made.</summary>
    [MemberNotNullWhen(true, nameof(Appointment))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Appointment is not null;

    internal static TransitionResult Done(Appointment appointment) => new(appointment, null);

    internal static TransitionResult Refused(IllegalTransition refusal) => new(null, refusal);
}
