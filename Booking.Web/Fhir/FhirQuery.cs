namespace Booking.Web.Fhir;

/// <summary>
/// The query string as FHIR reads it: keys and values fully percent-decoded (so <c>_include%3Aiterate</c>
/// is <c>_include:iterate</c>) and <c>+</c> kept as a plus. ASP.NET Core's form-style parsing would turn
/// <c>+</c> into a space and break offsets such as <c>+01:00</c>.
/// </summary>
internal sealed class FhirQuery
{
    private readonly List<KeyValuePair<string, string>> _parameters;

    private FhirQuery(List<KeyValuePair<string, string>> parameters) => _parameters = parameters;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    public static FhirQuery Parse(string? queryString)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        var text = queryString is { Length: > 0 } && queryString[0] == '?' ? queryString[1..] : queryString ?? "";
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            parameters.Add(new(Decode(key), Decode(value)));
        }

        return new FhirQuery(parameters);
    }

    /// <summary>Every value given for <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<string> All(string key) =>
        _parameters.Where(p => p.Key == key).Select(p => p.Value).ToList();

    /// <summary>Every value given for any of <paramref name="keys"/>, in order.</summary>
    public IReadOnlyList<string> AllOf(params string[] keys) =>
        _parameters.Where(p => keys.Contains(p.Key, StringComparer.Ordinal)).Select(p => p.Value).ToList();

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            // A malformed escape is kept as typed; the parameter's own parser reports it.
            return text;
        }
    }
}
