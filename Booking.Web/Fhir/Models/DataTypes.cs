using System.Text.Json.Serialization;

namespace Booking.Web.Fhir.Models;

// Small R4 (4.0.1) data types: only the elements Booking emits or reads. Every optional element is
// nullable and omitted when null, because R4 JSON forbids nulls and empty arrays; mapping code passes
// null, never an empty list.

/// <summary>R4 Coding.</summary>
public sealed record Coding(
    [property: JsonPropertyName("system")] string? System = null,
    [property: JsonPropertyName("code")] string? Code = null,
    [property: JsonPropertyName("display")] string? Display = null);

/// <summary>R4 CodeableConcept.</summary>
public sealed record CodeableConcept(
    [property: JsonPropertyName("coding")] IReadOnlyList<Coding>? Coding = null,
    [property: JsonPropertyName("text")] string? Text = null);

/// <summary>R4 Identifier.</summary>
public sealed record Identifier(
    [property: JsonPropertyName("system")] string? System = null,
    [property: JsonPropertyName("value")] string? Value = null);

/// <summary>R4 Reference: a relative reference, or a logical one by identifier.</summary>
public sealed record Reference(
    [property: JsonPropertyName("reference")] string? ReferenceText = null,
    [property: JsonPropertyName("identifier")] Identifier? Identifier = null,
    [property: JsonPropertyName("display")] string? Display = null);

/// <summary>R4 Period; instants carry seconds and an offset.</summary>
public sealed record Period(
    [property: JsonPropertyName("start")] string? Start = null,
    [property: JsonPropertyName("end")] string? End = null);

/// <summary>R4 Meta.</summary>
public sealed record Meta(
    [property: JsonPropertyName("versionId")] string? VersionId = null,
    [property: JsonPropertyName("lastUpdated")] string? LastUpdated = null);

/// <summary>R4 Extension with the value types Booking uses.</summary>
public sealed record Extension(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("valueCoding")] Coding? ValueCoding = null,
    [property: JsonPropertyName("valueReference")] Reference? ValueReference = null,
    [property: JsonPropertyName("valueUri")] string? ValueUri = null,
    [property: JsonPropertyName("valueUrl")] string? ValueUrl = null,
    [property: JsonPropertyName("valueCode")] string? ValueCode = null,
    [property: JsonPropertyName("extension")] IReadOnlyList<Extension>? Extensions = null);

/// <summary>R4 ContactPoint.</summary>
public sealed record ContactPoint(
    [property: JsonPropertyName("system")] string? System = null,
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("use")] string? Use = null);

/// <summary>R4 HumanName.</summary>
public sealed record HumanName(
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("family")] string? Family = null,
    [property: JsonPropertyName("given")] IReadOnlyList<string>? Given = null);
