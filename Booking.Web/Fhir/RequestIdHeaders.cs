namespace Booking.Web.Fhir;

/// <summary>
/// The request and correlation ids a consumer may send. They are echoed in response headers, stored in the
/// audit log and used as the retry key of a booking, so only short runs of visible ASCII are taken: anything
/// else (a control byte, a non-ASCII character, a megabyte of text) is refused with 400 before any work is done,
/// rather than failing later when the response headers are written.
/// </summary>
internal static class RequestIdHeaders
{
    public const string RequestId = "X-Request-Id";

    public const string CorrelationId = "X-Correlation-Id";

    public const int MaxLength = 200;

    public static readonly string[] Names = [RequestId, CorrelationId];

    /// <summary>Null when every id header present is acceptable; otherwise why not, for an OperationOutcome.</summary>
    public static string? Problem(IHeaderDictionary headers)
    {
        foreach (var name in Names)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0 && !IsAcceptable(values.ToString()))
            {
                return $"{name} must be 1 to {MaxLength} visible ASCII characters (letters, digits, punctuation; no spaces or control characters), sent once.";
            }
        }

        return null;
    }

    /// <summary>The header's value when it is acceptable, otherwise null.</summary>
    public static string? Read(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 && IsAcceptable(values.ToString()) ? values.ToString() : null;

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is >= '!' and <= '~');
}
