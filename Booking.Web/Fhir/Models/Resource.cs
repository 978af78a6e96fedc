using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>
/// Base of the R4 resources Booking emits. Serialized through this type, System.Text.Json writes
/// <c>resourceType</c> first (as the type discriminator), so a resource nested in a Bundle entry keeps
/// its type and all its elements.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "resourceType", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(OperationOutcome), "OperationOutcome")]
[JsonDerivedType(typeof(CapabilityStatement), "CapabilityStatement")]
[JsonDerivedType(typeof(Bundle), "Bundle")]
[JsonDerivedType(typeof(Slot), "Slot")]
[JsonDerivedType(typeof(Schedule), "Schedule")]
[JsonDerivedType(typeof(Organization), "Organization")]
[JsonDerivedType(typeof(Location), "Location")]
[JsonDerivedType(typeof(HealthcareService), "HealthcareService")]
[JsonDerivedType(typeof(Practitioner), "Practitioner")]
[JsonDerivedType(typeof(PractitionerRole), "PractitionerRole")]
[JsonDerivedType(typeof(Appointment), "Appointment")]
public abstract record Resource
{
    [JsonPropertyName("id")]
    [JsonPropertyOrder(-9)]
    public string? Id { get; init; }

    [JsonPropertyName("meta")]
    [JsonPropertyOrder(-8)]
    public Meta? Meta { get; init; }

    /// <summary>The R4 type name, the same text the serializer writes as <c>resourceType</c>.</summary>
    [JsonIgnore]
    public string TypeName => GetType().Name;
}
