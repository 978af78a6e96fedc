using System.Text.Json;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// The slot search's Bundle (searchset), written straight into the response: the Slots as <see cref="SlotJsonCache"/>
/// holds them, the included resources by the SDK. Only the envelope (type, total, link, entry's fullUrl and search)
/// is written here, element for element as the SDK writes a Bundle (a test compares the bytes), because the SDK cannot
/// take a resource that is already JSON.
/// </summary>
internal sealed class SlotSearchsetResult(
    int total, string selfUrl, string? nextUrl, string fhirBase, IReadOnlyList<(string Id, byte[] Json)> slots, IReadOnlyList<R4.Resource> includes) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = FhirJson.ContentType;
        using (var writer = FhirJson.CreateWriter(httpContext.Response.BodyWriter))
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
                foreach (var (id, json) in slots)
                {
                    StartEntry(writer, $"{fhirBase}/Slot/{id}");
                    writer.WriteRawValue(json, skipInputValidation: true);
                    EndEntry(writer, "match");
                }

                foreach (var resource in includes)
                {
                    StartEntry(writer, $"{fhirBase}/{resource.TypeName}/{resource.Id}");
                    FhirJson.WriteValue(writer, resource);
                    EndEntry(writer, "include");
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return httpContext.Response.BodyWriter.FlushAsync().AsTask();
    }

    private static void StartEntry(Utf8JsonWriter writer, string fullUrl)
    {
        writer.WriteStartObject();
        writer.WriteString("fullUrl", fullUrl);
        writer.WritePropertyName("resource");
    }

    private static void EndEntry(Utf8JsonWriter writer, string mode)
    {
        writer.WriteStartObject("search");
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
