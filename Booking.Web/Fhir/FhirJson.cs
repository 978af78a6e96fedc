using System.Buffers;
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
    // as FHIR JSON, so offsets read "+01:00" as FHIR examples do. The encoder is set on the writer, not in serializer
    // options: a context built with its own options loses the generated serialization fast path, which made a
    // 14-day search bundle (4 MB) take six times as long to write (docs/performance.md).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a client's Appointment; throws <see cref="JsonException"/> on malformed JSON, wrong types or a null in an array.</summary>
    public static IncomingAppointment? ReadAppointment(string json)
    {
        var appointment = JsonSerializer.Deserialize(json, FhirJsonContext.Default.IncomingAppointment);
        return appointment is not null && HasNullElement(appointment)
            ? throw new JsonException("R4 JSON has no null array elements.")
            : appointment;
    }

    // The models' lists are declared without nullable elements; JSON's [null] would otherwise reach the endpoints as one.
    private static bool HasNullElement(IncomingAppointment appointment) =>
        HasNull(appointment.Slot) || HasNull(appointment.Participant) || HasNull(appointment.Contained) || HasNull(appointment.CancelationReason?.Coding)
        || appointment.Contained?.Any(c => HasNull(c.Name) || HasNull(c.Telecom) || HasNull(c.Identifier) || c.Name?.Any(n => HasNull(n.Given)) == true) == true;

    private static bool HasNull<T>(IReadOnlyList<T?>? items) => items?.Any(item => item is null) == true;

    public static byte[] Serialize(Resource resource)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, resource);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="resource"/> into <paramref name="output"/> (a response's body writer: no intermediate copy).</summary>
    public static void Write(IBufferWriter<byte> output, Resource resource)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        JsonSerializer.Serialize(writer, resource, FhirJsonContext.Default.Resource);
    }
}
