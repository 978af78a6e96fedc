using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

/// <summary>R4 OperationOutcome: the body of every FHIR error response.</summary>
public sealed record OperationOutcome(
    [property: JsonPropertyName("issue")] IReadOnlyList<OperationOutcomeIssue> Issue) : Resource;

/// <summary>One issue: severity, R4 issue type code, Spine error code in details, and the reason.</summary>
public sealed record OperationOutcomeIssue(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("details")] CodeableConcept? Details = null,
    [property: JsonPropertyName("diagnostics")] string? Diagnostics = null);
