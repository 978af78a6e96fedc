using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>R4 Appointment, as the facade writes it.</summary>
public sealed record Appointment(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("participant")] IReadOnlyList<AppointmentParticipant> Participant) : Resource
{
    [JsonPropertyName("extension")]
    [JsonPropertyOrder(-5)]
    public IReadOnlyList<Extension>? Extension { get; init; }

    [JsonPropertyName("cancelationReason")]
    public CodeableConcept? CancelationReason { get; init; }

    [JsonPropertyName("serviceType")]
    public IReadOnlyList<CodeableConcept>? ServiceType { get; init; }

    [JsonPropertyName("start")]
    public string? Start { get; init; }

    [JsonPropertyName("end")]
    public string? End { get; init; }

    [JsonPropertyName("slot")]
    public IReadOnlyList<Reference>? Slot { get; init; }

    [JsonPropertyName("created")]
    public string? Created { get; init; }
}

/// <summary>R4 Appointment.participant.</summary>
public sealed record AppointmentParticipant(
    [property: JsonPropertyName("actor")] Reference Actor,
    [property: JsonPropertyName("status")] string Status);

/// <summary>
/// An Appointment as a client sends it: every element optional, so a missing one is reported as a clear
/// 422 rather than a deserialization failure. Unknown elements are ignored.
/// </summary>
public sealed record IncomingAppointment(
    [property: JsonPropertyName("resourceType")] string? ResourceType,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("start")] string? Start,
    [property: JsonPropertyName("end")] string? End,
    [property: JsonPropertyName("slot")] IReadOnlyList<Reference>? Slot,
    [property: JsonPropertyName("participant")] IReadOnlyList<IncomingParticipant>? Participant,
    [property: JsonPropertyName("contained")] IReadOnlyList<IncomingContained>? Contained,
    [property: JsonPropertyName("cancelationReason")] CodeableConcept? CancelationReason);

public sealed record IncomingParticipant(
    [property: JsonPropertyName("actor")] Reference? Actor,
    [property: JsonPropertyName("status")] string? Status);

/// <summary>A contained resource: a Patient with the demographics a new patient's booking needs, or an Organization.</summary>
public sealed record IncomingContained(
    [property: JsonPropertyName("resourceType")] string? ResourceType,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] IReadOnlyList<HumanName>? Name,
    [property: JsonPropertyName("birthDate")] string? BirthDate,
    [property: JsonPropertyName("telecom")] IReadOnlyList<ContactPoint>? Telecom,
    [property: JsonPropertyName("identifier")] IReadOnlyList<Identifier>? Identifier);
