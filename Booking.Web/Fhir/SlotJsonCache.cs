using System.Collections.Concurrent;
using Booking.Core.Scheduling;
using Booking.Web.Fhir.Mapping;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Each Slot's R4 JSON, as the SDK writes it, kept between searches. A fortnight's search maps and writes about 7,000
/// Slots; the SDK's serializer made that search three times slower than our former source-generated records
/// (docs/performance.md), and a slot's JSON only changes when something in its key does. The key holds every input of
/// <see cref="R4Mapper.ToFhir"/>, so a changed rota, service or time zone makes new entries instead of serving stale ones.
/// </summary>
internal sealed class SlotJsonCache
{
    /// <summary>About 30 MB at most: seven weeks of a 30-clinician practice's slots. Past it the cache starts again.</summary>
    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<Key, byte[]> _json = new();

    public byte[] Get(Slot slot, Service service, bool isBooked, DateTimeZone zone)
    {
        var key = new Key(slot, service.Name, service.DeliveryMode, isBooked, zone.Id);
        if (_json.TryGetValue(key, out var json))
        {
            return json;
        }

        if (_json.Count >= MaxEntries)
        {
            _json.Clear();
        }

        json = FhirJson.Serialize(R4Mapper.ToFhir(slot, service, isBooked, zone));
        _json[key] = json;
        return json;
    }

    // Slot is a record of values (id, session, practitioner, site, service, local and UTC times): equal slots map alike.
    private readonly record struct Key(Slot Slot, string ServiceName, DeliveryMode DeliveryMode, bool IsBooked, string ZoneId);
}
