using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Where the next page of a search starts: after the last entry of this page, by (start, id), the order the Slot and
/// Appointment searches return. A keyset, not an offset, so a slot booked or freed (or an appointment made or moved) on
/// an earlier page never shifts the later pages: they neither repeat nor skip an entry still matching. Opaque to
/// clients (base64url of the UTC start in ticks and the id); only what this class wrote is accepted back, and each
/// search accepts only its own kind of id, so a Slot cursor means nothing to an Appointment search.
/// </summary>
internal readonly record struct PageCursor(Instant Start, string LastId)
{
    /// <summary>The query parameter the <c>next</c> link carries it in.</summary>
    public const string Parameter = "_cursor";

    /// <summary>The largest page a search returns; a 14-day window of a large practice holds thousands of slots.</summary>
    public const int MaxCount = 100;

    /// <summary>Whether the entry (<paramref name="start"/>, <paramref name="id"/>) comes after the cursor in the search's order.</summary>
    public bool IsBefore(Instant start, string id) =>
        start > Start || (start == Start && string.CompareOrdinal(id, LastId) > 0);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Start.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "~" + LastId));

    public static PageCursor? TryDecode(string text, Func<string, bool> isId)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = decoded.Split('~');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unixTicks)
            && isId(id)
            ? new PageCursor(Instant.FromUnixTimeTicks(unixTicks), id)
            : null;
    }

    /// <summary>
    /// Reads <c>_count</c> (1 to <see cref="MaxCount"/>; absent is no paging) and <c>_cursor</c>; null when both are good,
    /// otherwise the 422 to answer, the same for every paged search.
    /// </summary>
    public static FhirResult? ReadPaging(FhirQuery query, Func<string, bool> isId, out int? count, out PageCursor? after)
    {
        count = null;
        after = null;
        if (query.All("_count") is [var countText, ..])
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedCount)
                || parsedCount is < 1 or > MaxCount)
            {
                return OperationOutcomes.InvalidParameter($"_count={countText}: use a whole number from 1 to {MaxCount}.");
            }

            count = parsedCount;
        }

        if (query.All(Parameter) is [var cursorText, ..])
        {
            after = TryDecode(cursorText, isId);
            if (after is null)
            {
                return OperationOutcomes.InvalidParameter(
                    $"{Parameter}={cursorText} is not a cursor of this search: follow the search's next link as given.");
            }
        }

        return null;
    }

    /// <summary>The query as the client sent it, with any cursor it carried replaced by this one.</summary>
    public string ReplaceIn(string? queryString)
    {
        var kept = (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => Uri.UnescapeDataString(pair.Split('=')[0]) != Parameter);
        return "?" + string.Join('&', kept.Append(Parameter + "=" + Encode()));
    }
}
