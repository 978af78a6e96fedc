using System.Reflection;
using Booking.Web.Fhir.Models;
using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Fhir;

/// <summary>
/// <c>GET /fhir/metadata</c>. The statement lists only what this server really supports; each FHIR
/// feature adds its resources here when it lands, so the statement and the endpoints cannot drift.
/// </summary>
internal static class CapabilityEndpoint
{
    public const string FhirVersion = "4.0.1";

    /// <summary>The resources and interactions served today.</summary>
    public static readonly IReadOnlyList<CapabilityResource> SupportedResources =
    [
        new("Slot", [new CapabilityInteraction("read"), new CapabilityInteraction("search-type")])
        {
            SearchInclude = SlotSearch.SupportedIncludes,
            SearchParam =
            [
                new("status", "token", "Required; only 'free'."),
                new("start", "date", "The window: ge<date or dateTime> and le<date or dateTime>, at most 14 days."),
                new("end", "date", "GP Connect form of the window's end: le<date or dateTime> (non-standard, declared here)."),
                new("schedule", "reference", "Schedule/{practitioner}-{site}-{service}"),
                new("schedule.actor:HealthcareService", "reference", "A HealthcareService id; also spelled Schedule.actor:HealthcareService or service-type."),
                new("_count", "number", "At most this many slots in the page; total counts them all."),
            ],
        },
        new("Appointment", [new CapabilityInteraction("create"), new CapabilityInteraction("read"), new CapabilityInteraction("update"), new CapabilityInteraction("search-type")])
        {
            Versioning = "versioned-update",
            ConditionalCreate = true,
            SearchParam =
            [
                new("patient:identifier", "token", "https://fhir.nhs.uk/Id/nhs-number|<NHS number>: the patient's appointments, not paged."),
            ],
        },
        new("Schedule", [new CapabilityInteraction("read")]),
        new("HealthcareService", [new CapabilityInteraction("read")]),
        new("Location", [new CapabilityInteraction("read")]),
        new("Practitioner", [new CapabilityInteraction("read")]),
        new("PractitionerRole", [new CapabilityInteraction("read")]),
        new("Organization", [new CapabilityInteraction("read")]),
    ];

    /// <summary>
    /// SMART on FHIR: the token endpoint in the oauth-uris extension, as SMART Backend Services clients expect. The
    /// extension's definition requires an authorize URI too; ours refuses every request (<see cref="Security.AuthorizeEndpoint"/>).
    /// </summary>
    private static CapabilitySecurity SmartSecurity(string baseUrl) => new(
        [
            new Extension(
                "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                Extensions:
                [
                    new Extension("token", ValueUri: baseUrl + Security.TokenEndpoint.Path),
                    new Extension("authorize", ValueUri: baseUrl + Security.AuthorizeEndpoint.Path),
                ]),
        ],
        [new CodeableConcept([new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")])],
        "SMART Backend Services: client credentials with a signed JWT assertion (RS384 or ES384); bearer tokens last 5 minutes.");

    public static IResult Get(HttpContext context, IClock clock)
    {
        var request = context.Request;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{FhirPipeline.BasePath}";
        var version = typeof(CapabilityEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var statement = new CapabilityStatement(
            Status: "active",
            Date: InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()).Split('T')[0],
            Kind: "instance",
            Software: new CapabilitySoftware("Booking", version.Split('+')[0]),
            Implementation: new CapabilityImplementation("Booking FHIR R4 facade: GP practice appointment capacity", baseUrl),
            FhirVersion: FhirVersion,
            Format: ["application/fhir+json", "json"],
            Rest: [new CapabilityRest("server", SmartSecurity(baseUrl), SupportedResources)])
        {
            Name = "BookingCapabilityStatement",
            Title = "Booking FHIR R4 facade",
            Publisher = "Booking",
        };
        return new FhirResult(StatusCodes.Status200OK, statement);
    }
}
