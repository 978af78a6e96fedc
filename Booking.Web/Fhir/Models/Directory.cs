using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>R4 Organization: the practice.</summary>
public sealed record Organization(
    [property: JsonPropertyName("name")] string Name) : Resource
{
    [JsonPropertyName("identifier")]
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }
}

/// <summary>R4 Location: a site of the practice.</summary>
public sealed record Location(
    [property: JsonPropertyName("name")] string Name) : Resource
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("managingOrganization")]
    public Reference? ManagingOrganization { get; init; }
}

/// <summary>R4 HealthcareService: a service the practice offers (an appointment type).</summary>
public sealed record HealthcareService(
    [property: JsonPropertyName("name")] string Name) : Resource
{
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("providedBy")]
    public Reference? ProvidedBy { get; init; }

    [JsonPropertyName("type")]
    public IReadOnlyList<CodeableConcept>? Type { get; init; }

    [JsonPropertyName("location")]
    public IReadOnlyList<Reference>? Location { get; init; }
}

/// <summary>R4 Practitioner.</summary>
public sealed record Practitioner(
    [property: JsonPropertyName("name")] IReadOnlyList<HumanName> Name) : Resource
{
    [JsonPropertyName("identifier")]
    public IReadOnlyList<Identifier>? Identifier { get; init; }

    [JsonPropertyName("active")]
    public bool? Active { get; init; }
}

/// <summary>R4 PractitionerRole: the practitioner's role at the practice.</summary>
public sealed record PractitionerRole(
    [property: JsonPropertyName("practitioner")] Reference Practitioner,
    [property: JsonPropertyName("organization")] Reference Organization) : Resource
{
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("code")]
    public IReadOnlyList<CodeableConcept>? Code { get; init; }
}
