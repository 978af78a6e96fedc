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
    public static readonly IReadOnlyList<CapabilityResource> SupportedResources = [];

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
            Rest: [new CapabilityRest("server", Security: null, Resource: SupportedResources.Count == 0 ? null : SupportedResources)])
        {
            Name = "BookingCapabilityStatement",
            Title = "Booking FHIR R4 facade",
            Publisher = "Booking",
        };
        return new FhirResult(StatusCodes.Status200OK, statement);
    }
}
