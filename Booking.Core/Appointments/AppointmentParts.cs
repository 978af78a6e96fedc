using NodaTime;

namespace Booking.Core.Appointments;

/// <summary>An appointment's identity. The data layer chooses it (a new GUID) before booking, so a retried
/// request with the same id can be recognised.</summary>
/// <param name="Value">The GUID.</param>
public readonly record struct AppointmentId(Guid Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Who did something: a staff user or an API client, by its stable id and a name for people.</summary>
public sealed record Actor
{
    /// <summary>Builds an actor; both parts must be non-blank.</summary>
    public Actor(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
    }

    /// <summary>Stable id (user id, client id).</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }
}

/// <summary>The patient an appointment is for, as given at booking.</summary>
/// <param name="NhsNumber">Checked NHS number.</param>
/// <param name="Name">Full name as the patient gives it.</param>
/// <param name="DateOfBirth">Date of birth.</param>
/// <param name="Phone">Contact number, if given.</param>
public sealed record PatientDetails(NhsNumber NhsNumber, string Name, LocalDate DateOfBirth, string? Phone = null);

/// <summary>An appointment's status. Booked and Arrived are open; the other three are final.</summary>
public enum AppointmentStatus
{
    /// <summary>Booked and not yet happened.</summary>
    Booked,

    /// <summary>The patient has arrived.</summary>
    Arrived,

    /// <summary>The appointment took place.</summary>
    Fulfilled,

    /// <summary>The patient did not attend.</summary>
    DidNotAttend,

    /// <summary>Cancelled; the slot is free again.</summary>
    Cancelled,
}

/// <summary>Why an appointment was cancelled (reported, and shown to the patient's next caller).</summary>
public enum CancellationReason
{
    /// <summary>The patient asked.</summary>
    PatientRequest,

    /// <summary>The practice cancelled (clinician unavailable, closure).</summary>
    PracticeRequest,

    /// <summary>Replaced by a booking in another slot (a move).</summary>
    Moved,

    /// <summary>The booking organisation withdrew it.</summary>
    BookingOrganisationRequest,

    /// <summary>Anything else; see the note.</summary>
    Other,
}

/// <summary>One entry of an appointment's status history.</summary>
/// <param name="From">Previous status; null for the booking itself.</param>
/// <param name="To">New status.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="Note">Free text, e.g. the cancellation note.</param>
public sealed record StatusChange(AppointmentStatus? From, AppointmentStatus To, Instant At, Actor By, string? Note = null);

/// <summary>A refused status change, e.g. marking a cancelled appointment as arrived.</summary>
/// <param name="From">The appointment's status.</param>
/// <param name="To">The status asked for.</param>
/// <param name="Message">Why, for staff.</param>
public sealed record IllegalTransition(AppointmentStatus From, AppointmentStatus To, string Message);
