using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Web.Fhir.Models;

namespace Booking.Web.Fhir;

/// <summary>
/// Source-generated System.Text.Json metadata for the R4 models (Hl7.Fhir.R4 is not in our package
/// source; see docs/decisions/0001-stack.md). Nulls are never written: R4 JSON forbids them.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false)]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(IncomingAppointment))]
internal sealed partial class FhirJsonContext : JsonSerializerContext;

/// <summary>Writes R4 resources as JSON with the FHIR media type.</summary>
internal static class FhirJson
{
    /// <summary>The media type of every FHIR response, errors included.</summary>
    public const string ContentType = "application/fhir+json; charset=utf-8";

    // The default encoder escapes '+', '<' and quotes for safe embedding in HTML; these bodies are served only
    // as FHIR JSON, so offsets read "+01:00" as FHIR examples do.
    private static readonly FhirJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Reads a client's Appointment; throws <see cref="JsonException"/> on malformed JSON or wrong types.</summary>
    public static IncomingAppointment? ReadAppointment(string json) =>
        JsonSerializer.Deserialize(json, Context.IncomingAppointment);

    public static byte[] Serialize(Resource resource) =>
        JsonSerializer.SerializeToUtf8Bytes(resource, Context.Resource);
}
