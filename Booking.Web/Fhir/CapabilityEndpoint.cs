using System.Reflection;
using NodaTime;
using NodaTime.Text;
using R4 = Hl7.Fhir.Model;
using Interaction = Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction;
using ParameterType = Hl7.Fhir.Model.SearchParamType;

namespace Booking.Web.Fhir;

/// <summary>
/// <c>GET /fhir/metadata</c>. The statement lists only what this server really supports; each FHIR
/// feature adds its resources here when it lands, so the statement and the endpoints cannot drift.
/// </summary>
internal static class CapabilityEndpoint
{
    /// <summary>The resources and interactions served today (new objects each call: SDK resources are mutable).</summary>
    public static List<R4.CapabilityStatement.ResourceComponent> SupportedResources() =>
    [
        new()
        {
            Type = "Slot",
            Interaction = Interactions(Interaction.Read, Interaction.SearchType),
            SearchInclude = SlotSearch.SupportedIncludes,
            SearchParam =
            [
                SearchParameter("status", ParameterType.Token, "Required; only 'free'."),
                SearchParameter("start", ParameterType.Date, "The window: ge<date or dateTime> and le<date or dateTime>, at most 14 days."),
                SearchParameter("end", ParameterType.Date, "GP Connect form of the window's end: le<date or dateTime> (non-standard, declared here)."),
                SearchParameter("schedule", ParameterType.Reference, "Schedule/{practitioner}-{site}-{service}"),
                SearchParameter("schedule.actor:HealthcareService", ParameterType.Reference, "A HealthcareService id; also spelled Schedule.actor:HealthcareService or service-type."),
                SearchParameter("_count", ParameterType.Number, "1 to 100 slots in a page, with a next link (a keyset cursor, _cursor) while more remain; total counts them all."),
            ],
        },
        new()
        {
            Type = "Appointment",
            Interaction = Interactions(Interaction.Create, Interaction.Read, Interaction.Update, Interaction.SearchType),
            Versioning = R4.CapabilityStatement.ResourceVersionPolicy.VersionedUpdate,
            ConditionalCreate = true,
            SearchParam =
            [
                SearchParameter("patient:identifier", ParameterType.Token, "https://fhir.nhs.uk/Id/nhs-number|<NHS number>: the patient's appointments, by start."),
                SearchParameter("patient", ParameterType.Reference, "Patient/{id} of a patient this client has booked for (anyone else matches nothing)."),
                SearchParameter("date", ParameterType.Date, "The appointment's start: [eq|ge|le|gt|lt]<date or dateTime with seconds and offset>; repeat to bound both ends."),
                SearchParameter("_count", ParameterType.Number, "1 to 100 appointments in a page, with a next link (a keyset cursor, _cursor) while more remain; total counts them all."),
            ],
        },
        new()
        {
            Type = "Patient",
            Interaction = Interactions(Interaction.Read, Interaction.SearchType),
            SearchParam =
            [
                SearchParameter("identifier", ParameterType.Token, "https://fhir.nhs.uk/Id/nhs-number|<NHS number> of a patient this client has booked for (anyone else matches nothing)."),
            ],
        },
        ReadOnly("Schedule"),
        ReadOnly("HealthcareService"),
        ReadOnly("Location"),
        ReadOnly("Practitioner"),
        ReadOnly("PractitionerRole"),
        ReadOnly("Organization"),
    ];

    /// <summary>
    /// SMART on FHIR: the token endpoint in the oauth-uris extension, as SMART Backend Services clients expect. The
    /// extension's definition requires an authorize URI too; ours refuses every request (<see cref="Security.AuthorizeEndpoint"/>).
    /// </summary>
    private static R4.CapabilityStatement.SecurityComponent SmartSecurity(string baseUrl) => new()
    {
        Extension =
        [
            new R4.Extension
            {
                Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                Extension =
                [
                    new R4.Extension("token", new R4.FhirUri(baseUrl + Security.TokenEndpoint.Path)),
                    new R4.Extension("authorize", new R4.FhirUri(baseUrl + Security.AuthorizeEndpoint.Path)),
                ],
            },
        ],
        Service = [new R4.CodeableConcept { Coding = [new R4.Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")] }],
        Description = "SMART Backend Services: client credentials with a signed JWT assertion (RS384 or ES384); bearer tokens last 5 minutes.",
    };

    public static IResult Get(HttpContext context, IClock clock)
    {
        var baseUrl = SlotSearch.FhirBase(context.Request);
        var version = typeof(CapabilityEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";
        var statement = new R4.CapabilityStatement
        {
            Name = "BookingCapabilityStatement",
            Title = "Booking FHIR R4 facade",
            Status = R4.PublicationStatus.Active,
            Date = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()).Split('T')[0],
            Publisher = "Booking",
            Kind = R4.CapabilityStatementKind.Instance,
            Software = new R4.CapabilityStatement.SoftwareComponent { Name = "Booking", Version = version.Split('+')[0] },
            Implementation = new R4.CapabilityStatement.ImplementationComponent
            {
                Description = "Booking FHIR R4 facade: GP practice appointment capacity",
                Url = baseUrl,
            },
            FhirVersion = R4.FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "json"],
            Rest =
            [
                new R4.CapabilityStatement.RestComponent
                {
                    Mode = R4.CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = SmartSecurity(baseUrl),
                    Resource = SupportedResources(),
                },
            ],
        };
        return new FhirResult(StatusCodes.Status200OK, statement);
    }

    private static R4.CapabilityStatement.ResourceComponent ReadOnly(string type) =>
        new() { Type = type, Interaction = Interactions(Interaction.Read) };

    private static List<R4.CapabilityStatement.ResourceInteractionComponent> Interactions(params Interaction[] codes) =>
        codes.Select(code => new R4.CapabilityStatement.ResourceInteractionComponent { Code = code }).ToList();

    private static R4.CapabilityStatement.SearchParamComponent SearchParameter(string name, ParameterType type, string documentation) =>
        new() { Name = name, Type = type, Documentation = documentation };
}
