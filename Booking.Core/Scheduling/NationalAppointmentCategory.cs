namespace Booking.Core.Scheduling;

/// <summary>
/// The national GP appointment categories (NHS England, "Appointments in General Practice" since 2021),
/// into which every local service maps for national reporting. Stored as numbers: append, never renumber.
/// </summary>
public enum NationalAppointmentCategory
{
    /// <summary>General Consultation Acute.</summary>
    GeneralConsultationAcute = 1,

    /// <summary>General Consultation Routine.</summary>
    GeneralConsultationRoutine = 2,

    /// <summary>Unplanned Clinical Activity.</summary>
    UnplannedClinicalActivity = 3,

    /// <summary>Planned Clinics (e.g. a diabetes or asthma clinic).</summary>
    PlannedClinics = 4,

    /// <summary>Planned Clinical Procedure (e.g. a blood test, a dressing, a smear).</summary>
    PlannedClinicalProcedure = 5,

    /// <summary>Structured Medication Review.</summary>
    StructuredMedicationReview = 6,

    /// <summary>Home Visit.</summary>
    HomeVisit = 7,

    /// <summary>Care Home Visit.</summary>
    CareHomeVisit = 8,

    /// <summary>Care Home Needs Assessment and Personalised Care and Support Planning.</summary>
    CareHomeNeedsAssessment = 9,

    /// <summary>Patient contact during a care home round.</summary>
    PatientContactDuringCareHomeRound = 10,

    /// <summary>Clinical Triage.</summary>
    ClinicalTriage = 11,

    /// <summary>Walk-in.</summary>
    WalkIn = 12,

    /// <summary>Group Consultation and Group Education.</summary>
    GroupConsultation = 13,

    /// <summary>Social Prescribing Service.</summary>
    SocialPrescribingService = 14,

    /// <summary>Service provided by an organisation external to the practice.</summary>
    ExternalOrganisationService = 15,

    /// <summary>Non-contractual chargeable work (e.g. insurance medicals).</summary>
    NonContractualChargeableWork = 16,

    /// <summary>Care related encounter that fits no other category.</summary>
    OtherCareRelatedEncounter = 17,

    /// <summary>Not a patient appointment (admin time, breaks); excluded from national counts.</summary>
    NotAnAppointment = 18,
}
