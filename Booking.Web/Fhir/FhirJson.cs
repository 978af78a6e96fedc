using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>Reads and writes R4 resources as FHIR JSON with Hl7.Fhir.R4's System.Text.Json converters.</summary>
internal static class FhirJson
{
    /// <summary>The media type of every FHIR response, errors included.</summary>
    public const string ContentType = "application/fhir+json; charset=utf-8";

    // Strict reports everything that is not R4: bad JSON syntax, unknown or wrongly cased elements, wrong types, bad
    // literals (ids, instants, empty strings), codes outside a required value set, nulls, empty arrays and duplicate
    // properties. Each of those answers 400 with where it is (docs/fhir.md, Booking). Two classes are let through on
    // purpose, because the booking checks answer them as 422 with the "why not" reason the contract asks for: missing
    // required elements (an Appointment without participant, "a patient participant is required") and empty objects
    // (a body that is only {"resourceType": "Patient"} is "not an Appointment", not malformed). Recoverable or
    // BackwardsCompatible would silently drop unknown elements into overflow; NoOverflow still accepts values of a
    // type a choice element does not allow. Strict also refuses a urn:uuid fullUrl that is not a UUID
    // (../shared/STACK.md, trap 2), which matters for Bundles only: we read nothing but Appointments.
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions()
        .ForFhir(R4.ModelInfo.ModelInspector)
        .UsingMode(DeserializationMode.Strict)
        .Ignoring(
        [
            CodedValidationException.INCORRECT_CARDINALITY_MIN_CODE,
            CodedValidationException.MANDATORY_ELEMENT_MUST_BE_PRESENT_CODE,
            FhirJsonException.OBJECTS_CANNOT_BE_EMPTY_CODE,
            CodedValidationException.ELEMENT_CANNOT_BE_EMPTY_CODE,
        ]);

    // The default encoder escapes '+', '<' and quotes for safe embedding in HTML; these bodies are served only as FHIR
    // JSON, so offsets read "+01:00" as FHIR examples do. Set on the writer, which is what a serializer writing into a
    // caller's Utf8JsonWriter uses.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A client's resource, or the 400 that says what is not R4 about it and where.</summary>
    public static (R4.Resource? Resource, FhirResult? Problem) Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<R4.Resource>(json, Options) is { } resource
                ? (resource, null)
                : (null, OperationOutcomes.BadRequest("The body must be a FHIR resource, not JSON null."));
        }
        catch (DeserializationFailedException ex)
        {
            return (null, OperationOutcomes.NotValidR4(ex.Exceptions.Select(Issue)));
        }
        catch (CodedException ex)
        {
            // Some shape errors (a single value where a list of resources belongs, e.g. "contained": 5) are thrown on
            // their own instead of being collected into a DeserializationFailedException.
            return (null, OperationOutcomes.NotValidR4([Issue(ex)]));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : null;
            return (null, OperationOutcomes.NotValidR4([new(null, where, "The body is not valid JSON: " + ex.Message)]));
        }
        catch (InvalidOperationException ex)
        {
            // The SDK's converter throws this for a JSON value that cannot start a resource (an array, say).
            return (null, OperationOutcomes.NotValidR4([new(null, null, "The body is not a FHIR resource: " + ex.Message)]));
        }
    }

    private static OperationOutcomes.Where Issue(CodedException exception)
    {
        if (exception is not ExtendedCodedException located)
        {
            return new(null, null, exception.Message);
        }

        // The SDK names the root "$this" until it knows the resource type; FHIRPath wants the type there.
        var path = located.InstancePath?.Replace("UnnamedResource_", "", StringComparison.Ordinal).Replace("$this", "Appointment", StringComparison.Ordinal);
        var where = located.LineNumber is { } line ? $"line {line}, position {located.Position}" : null;
        return new(string.IsNullOrEmpty(path) ? null : path, where, located.Message);
    }

    public static byte[] Serialize(R4.Resource resource)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, resource);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="resource"/> into <paramref name="output"/> (a response's body writer: no intermediate copy).</summary>
    public static void Write(IBufferWriter<byte> output, R4.Resource resource)
    {
        using var writer = CreateWriter(output);
        WriteValue(writer, resource);
    }

    /// <summary>A JSON writer with the encoder FHIR bodies are written with.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>Writes <paramref name="resource"/> as the next value of <paramref name="writer"/>.</summary>
    public static void WriteValue(Utf8JsonWriter writer, R4.Resource resource) => JsonSerializer.Serialize(writer, resource, Options);
}
