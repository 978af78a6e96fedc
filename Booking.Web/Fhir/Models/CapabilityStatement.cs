using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>R4 CapabilityStatement (kind <c>instance</c>): what this server really supports.</summary>
public sealed record CapabilityStatement(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("software")] CapabilitySoftware Software,
    [property: JsonPropertyName("implementation")] CapabilityImplementation Implementation,
    [property: JsonPropertyName("fhirVersion")] string FhirVersion,
    [property: JsonPropertyName("format")] IReadOnlyList<string> Format,
    [property: JsonPropertyName("rest")] IReadOnlyList<CapabilityRest> Rest) : Resource
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("publisher")]
    public string? Publisher { get; init; }
}

public sealed record CapabilitySoftware(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version = null);

public sealed record CapabilityImplementation(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("url")] string? Url = null);

public sealed record CapabilityRest(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("security")] CapabilitySecurity? Security,
    [property: JsonPropertyName("resource")] IReadOnlyList<CapabilityResource>? Resource);

public sealed record CapabilitySecurity(
    [property: JsonPropertyName("extension")] IReadOnlyList<Extension>? Extension,
    [property: JsonPropertyName("service")] IReadOnlyList<CodeableConcept>? Service,
    [property: JsonPropertyName("description")] string? Description);

public sealed record CapabilityResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("interaction")] IReadOnlyList<CapabilityInteraction> Interaction)
{
    [JsonPropertyName("versioning")]
    public string? Versioning { get; init; }

    [JsonPropertyName("conditionalCreate")]
    public bool? ConditionalCreate { get; init; }

    [JsonPropertyName("searchInclude")]
    public IReadOnlyList<string>? SearchInclude { get; init; }

    [JsonPropertyName("searchParam")]
    public IReadOnlyList<CapabilitySearchParam>? SearchParam { get; init; }
}

public sealed record CapabilityInteraction([property: JsonPropertyName("code")] string Code);

public sealed record CapabilitySearchParam(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("documentation")] string? Documentation = null)
{
    [JsonPropertyName("definition")]
    public string? Definition { get; init; }
}
