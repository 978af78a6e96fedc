using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Where the next page of a slot search starts: after the last slot of this page, by (start, id), the order the search
/// returns. A keyset, not an offset, so a slot booked or freed on an earlier page never shifts the later pages: they
/// neither repeat nor skip a slot still free. Opaque to clients (base64url of the UTC start in ticks and the slot id);
/// only what this class wrote is accepted back.
/// </summary>
internal readonly record struct SlotPageCursor(Instant Start, string LastSlotId)
{
    /// <summary>The query parameter the <c>next</c> link carries it in.</summary>
    public const string Parameter = "_cursor";

    public static SlotPageCursor After(Slot slot) => new(slot.Start, slot.Id.Value);

    /// <summary>Whether <paramref name="slot"/> comes after the cursor in the search's order.</summary>
    public bool IsBefore(Slot slot) =>
        slot.Start > Start || (slot.Start == Start && string.CompareOrdinal(slot.Id.Value, LastSlotId) > 0);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Start.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "~" + LastSlotId));

    public static SlotPageCursor? TryDecode(string text)
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
        return parts is [var ticks, var slotId]
            && long.TryParse(ticks, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unixTicks)
            && SlotId.TryParse(slotId, out _, out _, out _)
            ? new SlotPageCursor(Instant.FromUnixTimeTicks(unixTicks), slotId)
            : null;
    }
}
