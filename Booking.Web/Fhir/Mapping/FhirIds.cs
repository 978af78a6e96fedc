using System.Globalization;
using Booking.Core.Scheduling;

namespace Booking.Web.Fhir.Mapping;

/// <summary>
/// Resource ids of the facade. A Schedule is one practitioner delivering one service at one site, so its
/// id is those three ids: <c>{practitioner}-{site}-{service}</c>. All ids match R4's <c>[A-Za-z0-9\-\.]{1,64}</c>.
/// </summary>
internal static class FhirIds
{
    public static string Of(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Schedule(int practitionerId, int siteId, int serviceId) =>
        string.Create(CultureInfo.InvariantCulture, $"{practitionerId}-{siteId}-{serviceId}");

    public static string ScheduleOf(Slot slot) => Schedule(slot.PractitionerId, slot.SiteId, slot.ServiceId);

    /// <summary>Parses a Schedule id back into its parts; false for anything not made by <see cref="Schedule"/>.</summary>
    public static bool TryParseSchedule(string? id, out int practitionerId, out int siteId, out int serviceId)
    {
        practitionerId = siteId = serviceId = 0;
        var parts = id?.Split('-');
        return parts is { Length: 3 }
            && TryParseId(parts[0], out practitionerId)
            && TryParseId(parts[1], out siteId)
            && TryParseId(parts[2], out serviceId);
    }

    /// <summary>Parses a canonical positive integer id (no sign, no leading zeros).</summary>
    public static bool TryParseId(string? text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0 && Of(id) == text;
}
