namespace Booking.Core.Scheduling;

/// <summary>
/// The clinical role a practitioner works in, which decides the services they may deliver. Values are
/// stored as numbers: append new roles, never renumber.
/// </summary>
public enum PractitionerRole
{
    /// <summary>General practitioner (including salaried, partner and locum GPs).</summary>
    Gp = 1,

    /// <summary>GP registrar (specialty trainee) working under supervision.</summary>
    GpRegistrar = 2,

    /// <summary>Practice nurse.</summary>
    Nurse = 3,

    /// <summary>Advanced nurse practitioner, who can see undifferentiated illness.</summary>
    AdvancedNursePractitioner = 4,

    /// <summary>Healthcare assistant (blood tests, blood pressure, dressings).</summary>
    HealthcareAssistant = 5,

    /// <summary>Clinical pharmacist (medication reviews, some long-term conditions).</summary>
    Pharmacist = 6,

    /// <summary>First-contact physiotherapist.</summary>
    Physiotherapist = 7,

    /// <summary>Paramedic practitioner (home visits, same-day urgent care).</summary>
    ParamedicPractitioner = 8,

    /// <summary>Physician associate.</summary>
    PhysicianAssociate = 9,

    /// <summary>Mental health practitioner.</summary>
    MentalHealthPractitioner = 10,

    /// <summary>Social prescribing link worker.</summary>
    SocialPrescriber = 11,

    /// <summary>Health and wellbeing coach.</summary>
    HealthAndWellbeingCoach = 12,

    /// <summary>Dietitian.</summary>
    Dietitian = 13,

    /// <summary>Phlebotomist.</summary>
    Phlebotomist = 14,
}
