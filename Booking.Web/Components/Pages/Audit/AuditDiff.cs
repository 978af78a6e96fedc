using System.Text.Json;

namespace Booking.Web.Components.Pages.Audit;

/// <summary>One field of an audited subject before and after a change (null where the field was absent).</summary>
internal sealed record AuditFieldChange(string Field, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// Turns the before and after JSON snapshots of an audit entry into field-by-field rows people can read: nested objects
/// become dotted names (<c>layout.segments[0].start</c>), text is shown without quotes, and a snapshot that is not
/// JSON is shown whole as one row.
/// </summary>
internal static class AuditDiff
{
    private const string WholeSnapshot = "(whole record)";

    /// <summary>Every field of either snapshot, in the order they first appear; changed ones are marked by <see cref="AuditFieldChange.Changed"/>.</summary>
    public static IReadOnlyList<AuditFieldChange> Compare(string? before, string? after)
    {
        var beforeFields = Flatten(before);
        var afterFields = Flatten(after);
        return beforeFields.Keys.Concat(afterFields.Keys).Distinct()
            .Select(field => new AuditFieldChange(field, beforeFields.GetValueOrDefault(field), afterFields.GetValueOrDefault(field)))
            .ToList();
    }

    private static Dictionary<string, string> Flatten(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            Add(document.RootElement, "");
        }
        catch (JsonException)
        {
            fields[WholeSnapshot] = json;
        }

        return fields;

        void Add(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Add(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Add(item, $"{path}[{index++}]");
                    }

                    if (index == 0)
                    {
                        fields[path] = "(none)";
                    }

                    break;
                case JsonValueKind.String:
                    fields[path.Length == 0 ? WholeSnapshot : path] = element.GetString() ?? "";
                    break;
                default:
                    fields[path.Length == 0 ? WholeSnapshot : path] = element.GetRawText();
                    break;
            }
        }
    }
}
