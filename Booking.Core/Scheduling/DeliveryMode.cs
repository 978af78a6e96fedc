namespace Booking.Core.Scheduling;

/// <summary>How a service reaches the patient. Stored as numbers: append, never renumber.</summary>
public enum DeliveryMode
{
    /// <summary>Face to face at a site.</summary>
    InPerson = 1,

    /// <summary>The clinician phones the patient.</summary>
    Telephone = 2,

    /// <summary>Video consultation.</summary>
    Video = 3,

    /// <summary>The clinician visits the patient at home or in a care home.</summary>
    HomeVisit = 4,
}
