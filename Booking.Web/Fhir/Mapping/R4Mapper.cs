using Booking.Core.Scheduling;
using NodaTime;
using CoreSlot = Booking.Core.Scheduling.Slot;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir.Mapping;

/// <summary>
/// Pure mapping from Booking.Core's model to Hl7.Fhir.R4 resources: no rules, no I/O. Optional elements are left
/// unset (an empty list is not written), so no null or empty element reaches the wire.
/// </summary>
internal static class R4Mapper
{
    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string DeliveryChannelUrl = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel";
    public const string AppointmentTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0276";

    public static R4.Slot ToFhir(CoreSlot slot, Service service, bool isBooked, DateTimeZone zone) =>
        new()
        {
            Id = slot.Id.Value,
            Extension = [new R4.Extension(DeliveryChannelUrl, new R4.Code(DeliveryChannel(service.DeliveryMode)))],
            Schedule = Reference("Schedule/" + FhirIds.ScheduleOf(slot)),
            Status = isBooked ? R4.Slot.SlotStatus.Busy : R4.Slot.SlotStatus.Free,
            StartElement = FhirInstant.Element(slot.Start, zone),
            EndElement = FhirInstant.Element(slot.End, zone),
            ServiceType = [Text(service.Name)],
            AppointmentType = new R4.CodeableConcept { Coding = [new R4.Coding(AppointmentTypeSystem, "ROUTINE", "Routine appointment - default if not valued")] },
        };

    public static R4.Schedule ToSchedule(
        Core.Scheduling.Practitioner practitioner, Site site, Service service, Interval? planningHorizon, DateTimeZone zone) =>
        new()
        {
            Id = FhirIds.Schedule(practitioner.Id, site.Id, service.Id),
            Active = true,
            ServiceType = [Text(service.Name)],
            Actor =
            [
                Reference("Location/" + FhirIds.Of(site.Id), site.Name),
                Reference("Practitioner/" + FhirIds.Of(practitioner.Id), practitioner.Name),
                Reference("PractitionerRole/" + FhirIds.Of(practitioner.Id)),
                Reference("HealthcareService/" + FhirIds.Of(service.Id), service.Name),
            ],
            PlanningHorizon = planningHorizon is { } horizon
                ? new R4.Period { Start = FhirInstant.Format(horizon.Start, zone), End = FhirInstant.Format(horizon.End, zone) }
                : null,
        };

    public static R4.Organization ToOrganization(Practice practice) =>
        new()
        {
            Id = practice.OdsCode.Value,
            Identifier = [new R4.Identifier(OdsSystem, practice.OdsCode.Value)],
            Active = true,
            Name = practice.Name,
        };

    public static R4.Location ToLocation(Site site, Practice practice) =>
        new()
        {
            Id = FhirIds.Of(site.Id),
            Status = R4.Location.LocationStatus.Active,
            Name = site.Name,
            ManagingOrganization = Reference("Organization/" + practice.OdsCode.Value, practice.Name),
        };

    public static R4.HealthcareService ToHealthcareService(Service service, Practice practice) =>
        new()
        {
            Id = FhirIds.Of(service.Id),
            Active = true,
            ProvidedBy = Reference("Organization/" + practice.OdsCode.Value, practice.Name),
            Type = [Text(service.Name)],
            Name = service.Name,
        };

    public static R4.Practitioner ToPractitioner(Core.Scheduling.Practitioner practitioner) =>
        new()
        {
            Id = FhirIds.Of(practitioner.Id),
            Identifier = practitioner.Identifiers.IsDefaultOrEmpty
                ? []
                : practitioner.Identifiers.Select(identifier => new R4.Identifier(identifier.System, identifier.Value)).ToList(),
            Active = true,
            Name = [new R4.HumanName { Text = practitioner.Name }],
        };

    public static R4.PractitionerRole ToPractitionerRole(Core.Scheduling.Practitioner practitioner, Practice practice) =>
        new()
        {
            Id = FhirIds.Of(practitioner.Id),
            Active = true,
            Practitioner = Reference("Practitioner/" + FhirIds.Of(practitioner.Id), practitioner.Name),
            Organization = Reference("Organization/" + practice.OdsCode.Value, practice.Name),
            Code = [Text(RoleText(practitioner.Role))],
        };

    /// <summary>UK Core delivery channel codes; a home visit is delivered in person.</summary>
    public static string DeliveryChannel(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Telephone => "Telephone",
        DeliveryMode.Video => "Video",
        _ => "In-person",
    };

    public static R4.ResourceReference Reference(string reference, string? display = null) =>
        new() { Reference = reference, Display = display };

    public static R4.CodeableConcept Text(string text) => new() { Text = text };

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
