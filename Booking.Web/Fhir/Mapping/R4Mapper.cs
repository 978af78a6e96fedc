using Booking.Core.Scheduling;
using Booking.Web.Fhir.Models;
using NodaTime;
using CoreSlot = Booking.Core.Scheduling.Slot;
using FhirSlot = Booking.Web.Fhir.Models.Slot;

namespace Booking.Web.Fhir.Mapping;

/// <summary>
/// Pure mapping from Booking.Core's model to R4 resources: no rules, no I/O. Optional elements are left
/// null (never empty) so the serializer omits them.
/// </summary>
internal static class R4Mapper
{
    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string DeliveryChannelUrl = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel";
    public const string AppointmentTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0276";

    public static FhirSlot ToFhir(CoreSlot slot, Service service, bool isBooked, DateTimeZone zone) =>
        new(
            new Reference("Schedule/" + FhirIds.ScheduleOf(slot)),
            isBooked ? "busy" : "free",
            FhirInstant.Format(slot.Start, zone),
            FhirInstant.Format(slot.End, zone))
        {
            Id = slot.Id.Value,
            Extension = [new Extension(DeliveryChannelUrl, ValueCode: DeliveryChannel(service.DeliveryMode))],
            ServiceType = [new CodeableConcept(Text: service.Name)],
            AppointmentType = new CodeableConcept([new Coding(AppointmentTypeSystem, "ROUTINE", "Routine appointment - default if not valued")]),
        };

    public static Schedule ToSchedule(
        Core.Scheduling.Practitioner practitioner, Site site, Service service, Interval? planningHorizon, DateTimeZone zone) =>
        new(
        [
            new Reference("Location/" + FhirIds.Of(site.Id), Display: site.Name),
            new Reference("Practitioner/" + FhirIds.Of(practitioner.Id), Display: practitioner.Name),
            new Reference("PractitionerRole/" + FhirIds.Of(practitioner.Id)),
            new Reference("HealthcareService/" + FhirIds.Of(service.Id), Display: service.Name),
        ])
        {
            Id = FhirIds.Schedule(practitioner.Id, site.Id, service.Id),
            Active = true,
            ServiceType = [new CodeableConcept(Text: service.Name)],
            PlanningHorizon = planningHorizon is { } horizon
                ? new Models.Period(FhirInstant.Format(horizon.Start, zone), FhirInstant.Format(horizon.End, zone))
                : null,
        };

    public static Organization ToOrganization(Practice practice) =>
        new(practice.Name)
        {
            Id = practice.OdsCode.Value,
            Identifier = [new Identifier(OdsSystem, practice.OdsCode.Value)],
            Active = true,
        };

    public static Location ToLocation(Site site, Practice practice) =>
        new(site.Name)
        {
            Id = FhirIds.Of(site.Id),
            Status = "active",
            ManagingOrganization = new Reference("Organization/" + practice.OdsCode.Value, Display: practice.Name),
        };

    public static HealthcareService ToHealthcareService(Service service, Practice practice) =>
        new(service.Name)
        {
            Id = FhirIds.Of(service.Id),
            Active = true,
            ProvidedBy = new Reference("Organization/" + practice.OdsCode.Value, Display: practice.Name),
            Type = [new CodeableConcept(Text: service.Name)],
        };

    public static Models.Practitioner ToPractitioner(Core.Scheduling.Practitioner practitioner) =>
        new([new HumanName(Text: practitioner.Name)])
        {
            Id = FhirIds.Of(practitioner.Id),
            Active = true,
            Identifier = practitioner.Identifiers.IsDefaultOrEmpty
                ? null
                : practitioner.Identifiers.Select(identifier => new Identifier(identifier.System, identifier.Value)).ToArray(),
        };

    public static Models.PractitionerRole ToPractitionerRole(Core.Scheduling.Practitioner practitioner, Practice practice) =>
        new(
            new Reference("Practitioner/" + FhirIds.Of(practitioner.Id), Display: practitioner.Name),
            new Reference("Organization/" + practice.OdsCode.Value, Display: practice.Name))
        {
            Id = FhirIds.Of(practitioner.Id),
            Active = true,
            Code = [new CodeableConcept(Text: RoleText(practitioner.Role))],
        };

    /// <summary>UK Core delivery channel codes; a home visit is delivered in person.</summary>
    public static string DeliveryChannel(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Telephone => "Telephone",
        DeliveryMode.Video => "Video",
        _ => "In-person",
    };

    private static string RoleText(Core.Scheduling.PractitionerRole role) => role switch
    {
        Core.Scheduling.PractitionerRole.Gp => "General practitioner",
        Core.Scheduling.PractitionerRole.GpRegistrar => "GP registrar",
        Core.Scheduling.PractitionerRole.HealthcareAssistant => "Healthcare assistant",
        Core.Scheduling.PractitionerRole.AdvancedNursePractitioner => "Advanced nurse practitioner",
        Core.Scheduling.PractitionerRole.ParamedicPractitioner => "Paramedic practitioner",
        Core.Scheduling.PractitionerRole.PhysicianAssociate => "Physician associate",
        Core.Scheduling.PractitionerRole.MentalHealthPractitioner => "Mental health practitioner",
        Core.Scheduling.PractitionerRole.SocialPrescriber => "Social prescriber",
        Core.Scheduling.PractitionerRole.HealthAndWellbeingCoach => "Health and wellbeing coach",
        _ => role.ToString(),
    };
}
