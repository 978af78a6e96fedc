using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>R4 Slot.</summary>
public sealed record Slot(
    [property: JsonPropertyName("schedule")] Reference Schedule,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End) : Resource
{
    [JsonPropertyName("extension")]
    [JsonPropertyOrder(-5)]
    public IReadOnlyList<Extension>? Extension { get; init; }

    [JsonPropertyName("serviceType")]
    public IReadOnlyList<CodeableConcept>? ServiceType { get; init; }

    [JsonPropertyName("appointmentType")]
    public CodeableConcept? AppointmentType { get; init; }
}

/// <summary>R4 Schedule: one practitioner delivering one service at one site.</summary>
public sealed record Schedule(
    [property: JsonPropertyName("actor")] IReadOnlyList<Reference> Actor) : Resource
{
    [JsonPropertyName("active")]
    public bool? Active { get; init; }

    [JsonPropertyName("serviceType")]
    public IReadOnlyList<CodeableConcept>? ServiceType { get; init; }

    [JsonPropertyName("planningHorizon")]
    public Period? PlanningHorizon { get; init; }
}

/// <summary>R4 Bundle (searchset) with the entries of a search.</summary>
public sealed record Bundle(
    [property: JsonPropertyName("type")] string Type) : Resource
{
    [JsonPropertyName("total")]
    public int? Total { get; init; }

    [JsonPropertyName("link")]
    public IReadOnlyList<BundleLink>? Link { get; init; }

    [JsonPropertyName("entry")]
    public IReadOnlyList<BundleEntry>? Entry { get; init; }
}

public sealed record BundleLink(
    [property: JsonPropertyName("relation")] string Relation,
    [property: JsonPropertyName("url")] string Url);

/// <summary>A bundle entry; the resource is written with its concrete type.</summary>
public sealed record BundleEntry(
    [property: JsonPropertyName("fullUrl")] string FullUrl,
    [property: JsonPropertyName("resource")] Resource Resource,
    [property: JsonPropertyName("search")] BundleEntrySearch? Search = null);

public sealed record BundleEntrySearch([property: JsonPropertyName("mode")] string Mode);
