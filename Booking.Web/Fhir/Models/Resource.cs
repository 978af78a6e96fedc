using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>
/// Base of the R4 resources Booking emits. <c>resourceType</c> is written first, as FHIR JSON expects.
/// </summary>
public abstract record Resource(
    [property: JsonPropertyName("resourceType"), JsonPropertyOrder(-10)] string ResourceType)
{
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-9)]
    public string? Id { get; init; }

    [JsonPropertyName("meta")]
    [JsonPropertyOrder(-8)]
    public Meta? Meta { get; init; }
}
