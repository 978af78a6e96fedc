using System.Diagnostics.CodeAnalysis;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>A booking asked of <see cref="BookingService.BookAsync"/>.</summary>
/// <param name="SlotId">The slot, as offered by availability.</param>
/// <param name="Patient">Who it is for: the NHS number, and the other details as far as the caller gave them.</param>
/// <param name="Channel">The channel booking it (reception, online, or the calling organisation).</param>
/// <param name="Id">The new appointment's id; a retry with the same id returns the first booking instead of a second one.</param>
public sealed record NewBooking(SlotId SlotId, GivenPatient Patient, Channel Channel, AppointmentId? Id = null)
{
    /// <summary>A booking with every detail of the patient (the staff booking form).</summary>
    public NewBooking(SlotId slotId, PatientDetails patient, Channel channel, AppointmentId? id = null)
        : this(slotId, GivenPatient.From(patient), channel, id)
    {
    }

    /// <summary>
    /// More slots for the same appointment, adjacent on the first slot's schedule (Core's <see cref="AdjacentSlots"/>):
    /// booked with it, all or none.
    /// </summary>
    public IReadOnlyList<SlotId> FollowingSlotIds { get; init; } = [];

    /// <summary>Every slot asked for, <see cref="SlotId"/> first.</summary>
    public IReadOnlyList<SlotId> SlotIds => [SlotId, .. FollowingSlotIds];

    /// <summary>
    /// The start and end the caller stated (an API sends them); when given they must be the slots' exactly, from the
    /// start of the first to the end of the last.
    /// </summary>
    public Interval? StatedTimes { get; init; }

    /// <summary>The description and comment the booking party sent (an API does), kept on the appointment for staff.</summary>
    public SupportingInformation SupportingInformation { get; init; } = SupportingInformation.None;
}

/// <summary>The part of a booking request a refusal of it is about, so an API can name the element.</summary>
public enum BookingField
{
    /// <summary>The slot or slots.</summary>
    Slot,

    /// <summary>The start and end the caller stated.</summary>
    StartAndEnd,

    /// <summary>The patient as a whole (e.g. details missing for a patient new to the practice).</summary>
    Patient,

    /// <summary>The patient's name.</summary>
    PatientName,

    /// <summary>The patient's date of birth.</summary>
    PatientDateOfBirth,

    /// <summary>The patient's phone.</summary>
    PatientPhone,
}

/// <summary>How a booking ended.</summary>
public enum BookingOutcomeKind
{
    /// <summary>Booked (or a retry of a booking already made with the same id).</summary>
    Booked,

    /// <summary>The rules refused it; <see cref="BookingOutcome.Reasons"/> say why (slot taken, quota used, ...).</summary>
    Refused,

    /// <summary>The rota has no slot with that id.</summary>
    SlotNotFound,

    /// <summary>The request itself is unusable (e.g. an id already used for another booking, a name too long).</summary>
    InvalidRequest,
}

/// <summary>The result of a booking: never an exception for a predictable refusal.</summary>
public sealed record BookingOutcome
{
    private BookingOutcome(
        BookingOutcomeKind kind, StoredAppointment? appointment, IReadOnlyList<WithheldReason> reasons, string message, BookingField? field = null)
    {
        Kind = kind;
        Appointment = appointment;
        Reasons = reasons;
        Message = message;
        Field = field;
    }

    public BookingOutcomeKind Kind { get; }

    /// <summary>The appointment, when booked.</summary>
    public StoredAppointment? Appointment { get; }

    /// <summary>Why the rules refused it (empty otherwise); <see cref="SlotAlreadyBooked"/> when another booking won the slot.</summary>
    public IReadOnlyList<WithheldReason> Reasons { get; }

    /// <summary>A sentence for staff or an API error.</summary>
    public string Message { get; }

    /// <summary>What part of the request an <see cref="BookingOutcomeKind.InvalidRequest"/> is about, when one part is.</summary>
    public BookingField? Field { get; }

    [MemberNotNullWhen(true, nameof(Appointment))]
    public bool Succeeded => Kind == BookingOutcomeKind.Booked;

    /// <summary>True when the refusal is that the slot already holds an appointment (an API answers 409).</summary>
    public bool SlotTaken => Reasons.Any(r => r is SlotAlreadyBooked);

    internal static BookingOutcome Booked(StoredAppointment appointment) => new(BookingOutcomeKind.Booked, appointment, [], "Booked");

    internal static BookingOutcome Refused(IReadOnlyList<WithheldReason> reasons) =>
        new(BookingOutcomeKind.Refused, null, reasons, string.Join("; ", reasons.Select(r => r.Message)));

    internal static BookingOutcome SlotNotFound(SlotId slotId) =>
        new(BookingOutcomeKind.SlotNotFound, null, [], $"There is no slot {slotId} in the rota.");

    internal static BookingOutcome Invalid(string message, BookingField? field = null) =>
        new(BookingOutcomeKind.InvalidRequest, null, [], message, field);
}

/// <summary>How a change to an existing appointment (cancel, arrived, did-not-attend, fulfilled) ended.</summary>
public enum AppointmentChangeKind
{
    Changed,

    /// <summary>No appointment has that id.</summary>
    NotFound,

    /// <summary>The appointment's state does not allow it (e.g. cancelling a fulfilled appointment).</summary>
    Refused,

    /// <summary>Someone changed the appointment since the caller read it; reload and decide again.</summary>
    Conflict,
}

/// <summary>The result of a change to an existing appointment.</summary>
public sealed record AppointmentChangeOutcome
{
    private AppointmentChangeOutcome(AppointmentChangeKind kind, StoredAppointment? appointment, string message)
    {
        Kind = kind;
        Appointment = appointment;
        Message = message;
    }

    public AppointmentChangeKind Kind { get; }

    /// <summary>The changed appointment, when changed.</summary>
    public StoredAppointment? Appointment { get; }

    /// <summary>A sentence for staff or an API error.</summary>
    public string Message { get; }

    [MemberNotNullWhen(true, nameof(Appointment))]
    public bool Succeeded => Kind == AppointmentChangeKind.Changed;

    internal static AppointmentChangeOutcome Changed(StoredAppointment appointment) => new(AppointmentChangeKind.Changed, appointment, "Done");

    internal static AppointmentChangeOutcome NotFound(AppointmentId id) => new(AppointmentChangeKind.NotFound, null, $"There is no appointment {id}.");

    internal static AppointmentChangeOutcome Refused(string message) => new(AppointmentChangeKind.Refused, null, message);

    internal static AppointmentChangeOutcome Conflict() => new(
        AppointmentChangeKind.Conflict, null, "Someone else changed this appointment a moment ago. Reload it and try again.");
}

/// <summary>How a move ended.</summary>
public enum MoveOutcomeKind
{
    Moved,

    /// <summary>No appointment has that id.</summary>
    NotFound,

    /// <summary>The rota has no slot with the target id.</summary>
    TargetNotFound,

    /// <summary>The original cannot be moved, or the rules refused the target; the original is untouched.</summary>
    Refused,

    /// <summary>Someone changed the appointment since the caller read it.</summary>
    Conflict,
}

/// <summary>The result of a move: the original cancelled as Moved and the new booking, or why nothing changed.</summary>
public sealed record MoveOutcome
{
    private MoveOutcome(MoveOutcomeKind kind, StoredAppointment? cancelled, StoredAppointment? booked, IReadOnlyList<WithheldReason> reasons, string message)
    {
        Kind = kind;
        Cancelled = cancelled;
        Booked = booked;
        Reasons = reasons;
        Message = message;
    }

    public MoveOutcomeKind Kind { get; }

    /// <summary>The original, now cancelled with reason Moved.</summary>
    public StoredAppointment? Cancelled { get; }

    /// <summary>The new appointment in the target slot.</summary>
    public StoredAppointment? Booked { get; }

    /// <summary>Why the rules refused the target slot; empty otherwise.</summary>
    public IReadOnlyList<WithheldReason> Reasons { get; }

    public string Message { get; }

    [MemberNotNullWhen(true, nameof(Cancelled), nameof(Booked))]
    public bool Succeeded => Kind == MoveOutcomeKind.Moved;

    internal static MoveOutcome Moved(StoredAppointment cancelled, StoredAppointment booked) =>
        new(MoveOutcomeKind.Moved, cancelled, booked, [], "Moved");

    internal static MoveOutcome NotFound(AppointmentId id) => new(MoveOutcomeKind.NotFound, null, null, [], $"There is no appointment {id}.");

    internal static MoveOutcome TargetNotFound(SlotId slotId) =>
        new(MoveOutcomeKind.TargetNotFound, null, null, [], $"There is no slot {slotId} in the rota.");

    internal static MoveOutcome Refused(IReadOnlyList<WithheldReason> reasons) =>
        new(MoveOutcomeKind.Refused, null, null, reasons, string.Join("; ", reasons.Select(r => r.Message)));

    internal static MoveOutcome Refused(string message) => new(MoveOutcomeKind.Refused, null, null, [], message);

    internal static MoveOutcome Conflict() => new(
        MoveOutcomeKind.Conflict, null, null, [], "Someone else changed this appointment a moment ago. Reload it and try again.");
}
