using System.Text;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Mapping;
using NodaTime;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// SMART Scheduling Links bulk publication (<c>GET /fhir/$bulk-publish</c>): a manifest pointing at NDJSON files
/// of Location, Schedule and Slot. It publishes what patients could book online over the next 14 days, judged
/// by the same rules as <c>GET /fhir/Slot</c> for the online channel; public by design and cacheable briefly.
/// </summary>
internal static class BulkPublishEndpoints
{
    public const string Path = "/$bulk-publish";
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private static readonly Duration Horizon = Duration.FromDays(14);

    public static async Task<IResult> ManifestAsync(HttpContext context, BookingQueries queries, IClock clock)
    {
        Cacheable(context);
        var fhirBase = SlotSearch.FhirBase(context.Request);
        var configuration = await queries.GetConfigurationAsync(context.RequestAborted);
        var zone = configuration?.Zone ?? Booking.Core.Time.PracticeTime.Zone;
        return Results.Json(new
        {
            transactionTime = FhirInstant.Format(clock.GetCurrentInstant(), zone),
            request = fhirBase + Path,
            output = new[] { "Location", "Schedule", "Slot" }.Select(type => new { type, url = $"{fhirBase}{Path}/{type}.ndjson" }),
            error = Array.Empty<object>(),
        });
    }

    public static async Task<IResult> FileAsync(string type, HttpContext context, AvailabilityIndex availability, IClock clock)
    {
        var configuration = await availability.GetConfigurationAsync(context.RequestAborted);
        if (type is not ("Location.ndjson" or "Schedule.ndjson" or "Slot.ndjson"))
        {
            return OperationOutcomes.NotFound($"No bulk file {type}; the manifest lists Location, Schedule and Slot.");
        }

        Cacheable(context);
        var resources = configuration is null ? [] : await ResourcesAsync(type, configuration, availability, clock, context.RequestAborted);
        var ndjson = new StringBuilder();
        foreach (var resource in resources)
        {
            ndjson.Append(Encoding.UTF8.GetString(FhirJson.Serialize(resource))).Append('\n');
        }

        return Results.Text(ndjson.ToString(), "application/fhir+ndjson", Encoding.UTF8);
    }

    private static async Task<IReadOnlyList<R4.Resource>> ResourcesAsync(
        string type, PracticeConfiguration configuration, AvailabilityIndex index, IClock clock, CancellationToken cancellationToken)
    {
        if (type == "Location.ndjson")
        {
            return configuration.Sites.Where(s => s.RetiredOn is null).Select(s => (R4.Resource)R4Mapper.ToLocation(s.Site, configuration.Practice)).ToList();
        }

        var now = clock.GetCurrentInstant();
        var dates = new DateInterval(now.InZone(configuration.Zone).Date, (now + Horizon).InZone(configuration.Zone).Date);
        var availability = await index.GetAsync(new Caller(Channel.Online), dates, cancellationToken);
        var slots = availability.Offered.Where(s => s.Start >= now && s.End <= now + Horizon).OrderBy(s => s.Start).ToList();
        if (type == "Slot.ndjson")
        {
            return slots.Select(s => (R4.Resource)R4Mapper.ToFhir(s, configuration.Service(s.ServiceId)!.Service, isBooked: false, configuration.Zone)).ToList();
        }

        return slots.Select(s => (s.PractitionerId, s.SiteId, s.ServiceId)).Distinct()
            .Select(key => (R4.Resource)R4Mapper.ToSchedule(
                configuration.Practitioner(key.PractitionerId)!.Practitioner, configuration.Site(key.SiteId)!.Site,
                configuration.Service(key.ServiceId)!.Service, new Interval(now, now + Horizon), configuration.Zone))
            .ToList();
    }

    private static void Cacheable(HttpContext context) =>
        context.Response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
}
