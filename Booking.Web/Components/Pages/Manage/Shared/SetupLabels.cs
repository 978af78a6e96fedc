using System.Globalization;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Shared;

/// <summary>How the set-up pages name roles, delivery modes, national categories and registers, and write dates (British English).</summary>
internal static class SetupLabels
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"Tue 24 Nov 2026".</summary>
    public static string Date(LocalDate date) => date.ToString("ddd d MMM yyyy", British);

    /// <summary>"Tue 24 Nov 2026 at 10:05", in <paramref name="zone"/>.</summary>
    public static string When(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return $"{Date(local.Date)} at {local.ToString("HH:mm", British)}";
    }

    public static string Role(PractitionerRole role) => role switch
    {
        PractitionerRole.Gp => "GP",
        PractitionerRole.GpRegistrar => "GP registrar",
        PractitionerRole.Nurse => "Practice nurse",
        PractitionerRole.AdvancedNursePractitioner => "Advanced nurse practitioner",
        PractitionerRole.HealthcareAssistant => "Healthcare assistant",
        PractitionerRole.Pharmacist => "Clinical pharmacist",
        PractitionerRole.Physiotherapist => "First-contact physiotherapist",
        PractitionerRole.ParamedicPractitioner => "Paramedic practitioner",
        PractitionerRole.PhysicianAssociate => "Physician associate",
        PractitionerRole.MentalHealthPractitioner => "Mental health practitioner",
        PractitionerRole.SocialPrescriber => "Social prescribing link worker",
        PractitionerRole.HealthAndWellbeingCoach => "Health and wellbeing coach",
        PractitionerRole.Dietitian => "Dietitian",
        PractitionerRole.Phlebotomist => "Phlebotomist",
        _ => role.ToString(),
    };

    public static string DeliveryMode(DeliveryMode mode) => mode switch
    {
        Core.Scheduling.DeliveryMode.InPerson => "In person",
        Core.Scheduling.DeliveryMode.Telephone => "Telephone",
        Core.Scheduling.DeliveryMode.Video => "Video",
        Core.Scheduling.DeliveryMode.HomeVisit => "Home visit",
        _ => mode.ToString(),
    };

    public static string Category(NationalAppointmentCategory category) => category switch
    {
        NationalAppointmentCategory.GeneralConsultationAcute => "General consultation acute",
        NationalAppointmentCategory.GeneralConsultationRoutine => "General consultation routine",
        NationalAppointmentCategory.UnplannedClinicalActivity => "Unplanned clinical activity",
        NationalAppointmentCategory.PlannedClinics => "Planned clinics",
        NationalAppointmentCategory.PlannedClinicalProcedure => "Planned clinical procedure",
        NationalAppointmentCategory.StructuredMedicationReview => "Structured medication review",
        NationalAppointmentCategory.HomeVisit => "Home visit",
        NationalAppointmentCategory.CareHomeVisit => "Care home visit",
        NationalAppointmentCategory.CareHomeNeedsAssessment => "Care home needs assessment and personalised care and support planning",
        NationalAppointmentCategory.PatientContactDuringCareHomeRound => "Patient contact during care home round",
        NationalAppointmentCategory.ClinicalTriage => "Clinical triage",
        NationalAppointmentCategory.WalkIn => "Walk-in",
        NationalAppointmentCategory.GroupConsultation => "Group consultation and group education",
        NationalAppointmentCategory.SocialPrescribingService => "Social prescribing service",
        NationalAppointmentCategory.ExternalOrganisationService => "Service provided by organisation external to the practice",
        NationalAppointmentCategory.NonContractualChargeableWork => "Non-contractual chargeable work",
        NationalAppointmentCategory.OtherCareRelatedEncounter => "Care related encounter but does not fit into any other category",
        NationalAppointmentCategory.NotAnAppointment => "Not an appointment (admin, breaks)",
        _ => category.ToString(),
    };

    /// <summary>The register's name as managers know it, e.g. "GMC number".</summary>
    public static string IdentifierKind(PractitionerIdentifierKind kind) => kind switch
    {
        PractitionerIdentifierKind.Gmc => "GMC number",
        PractitionerIdentifierKind.Nmc => "NMC PIN",
        PractitionerIdentifierKind.Gphc => "GPhC number",
        PractitionerIdentifierKind.Hcpc => "HCPC number",
        PractitionerIdentifierKind.SdsUserId => "SDS user id (smartcard)",
        _ => kind.ToString(),
    };

    /// <summary>What a valid identifier of the register looks like, for the hint and the error message.</summary>
    public static string IdentifierShape(PractitionerIdentifierKind kind) => kind switch
    {
        PractitionerIdentifierKind.Gmc => "7 digits, e.g. 1234567",
        PractitionerIdentifierKind.Nmc => "2 digits, a letter, 4 digits, a letter, e.g. 12A3456E",
        PractitionerIdentifierKind.Gphc => "7 digits, e.g. 2012345",
        PractitionerIdentifierKind.Hcpc => "2 letters then 5 or 6 digits, e.g. PH123456",
        PractitionerIdentifierKind.SdsUserId => "12 digits",
        _ => "",
    };
}
