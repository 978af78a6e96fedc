using System.Buffers;
using System.Text.Json;

namespace Booking.Web.Fhir;

/// <summary>One entry of a searchset: its resource's address relative to the FHIR base (<c>Slot/{id}</c>) and the resource as the SDK writes it.</summary>
internal readonly record struct SearchsetEntry(string RelativeUrl, byte[] Json);

/// <summary>
/// The slot search's Bundle (searchset), written straight into the response: the Slots as <see cref="SlotJsonCache"/>
/// holds them, the included resources as <see cref="IncludeJsonCache"/> does. Only the envelope (type, total, link, entry's fullUrl and search)
/// is written here, element for element as the SDK writes a Bundle (a test compares the bytes), because the SDK cannot
/// take a resource that is already JSON.
/// </summary>
internal sealed class SlotSearchsetResult(
    int total, string selfUrl, string? nextUrl, string fhirBase, IReadOnlyList<SearchsetEntry> slots, IReadOnlyList<SearchsetEntry> includes) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = FhirJson.ContentType;
        WriteTo(httpContext.Response.BodyWriter);
        return httpContext.Response.BodyWriter.FlushAsync().AsTask();
    }

    /// <summary>The Bundle's bytes, for <see cref="SlotSearchAnswers"/> to keep.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteTo(IBufferWriter<byte> output)
    {
        using (var writer = FhirJson.CreateWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", "searchset");
            writer.WriteNumber("total", total);
            writer.WriteStartArray("link");
            writer.WriteStartObject();
            writer.WriteString("relation", "self");
            writer.WriteString("url", selfUrl);
            writer.WriteEndObject();
            if (nextUrl is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("relation", "next");
                writer.WriteString("url", nextUrl);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (slots.Count + includes.Count > 0)
            {
                writer.WriteStartArray("entry");
                foreach (var slot in slots)
                {
                    WriteEntry(writer, slot, "match");
                }

                foreach (var resource in includes)
                {
                    WriteEntry(writer, resource, "include");
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }
    }

    private void WriteEntry(Utf8JsonWriter writer, SearchsetEntry entry, string mode)
    {
        writer.WriteStartObject();
        writer.WriteString("fullUrl", string.Concat(fhirBase, "/", entry.RelativeUrl));
        writer.WritePropertyName("resource");
        writer.WriteRawValue(entry.Json, skipInputValidation: true);
        writer.WriteStartObject("search");
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
