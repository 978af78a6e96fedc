using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Web.Fhir.Mapping;
using Booking.Web.Infrastructure;
using NodaTime;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// <c>GET /fhir/Slot</c>: the free slots the calling client's channel may book now, inside a window of at
/// most 14 days, with optional filters and includes (docs/fhir-contract.md, Slot search). The rules are Booking.Core's;
/// this class only reads parameters and maps results.
/// </summary>
internal static class SlotSearch
{
    public static readonly Duration MaxWindow = Duration.FromDays(14);

    public static readonly string[] ServiceParameters = ["schedule.actor:HealthcareService", "Schedule.actor:HealthcareService", "service-type"];

    public static readonly string[] SupportedIncludes =
    [
        "Slot:schedule", "Schedule:actor:Practitioner", "Schedule:actor:PractitionerRole", "Schedule:actor:Location",
        "Schedule:actor:HealthcareService", "HealthcareService:providedBy", "Location:managingOrganization",
    ];

    public static async Task<IResult> GetAsync(
        HttpContext context, AvailabilityIndex availability, SlotJsonCache slotJson, IncludeJsonCache includeJson, SlotSearchAnswers answers)
    {
        var client = FhirCaller.Current(context);

        var configuration = await availability.GetConfigurationAsync(context.RequestAborted);
        var query = FhirQuery.Parse(context.Request.QueryString.Value);
        var zone = configuration?.Zone ?? Booking.Core.Time.PracticeTime.Zone;
        if (Validate(query, zone, out var request) is { } problem)
        {
            return problem;
        }

        // A window of no length (start=ge and start=le the same instant) still names the day it is on.
        var (firstDate, lastDate) = (request.From.InZone(zone).Date, (request.To - Duration.Epsilon).InZone(zone).Date);
        var dates = new DateInterval(firstDate, lastDate < firstDate ? firstDate : lastDate);
        var offered = configuration is null ? null : await availability.GetOfferedAsync(client.Channel, dates, context.RequestAborted);
        configuration = offered?.Configuration ?? configuration;
        var fhirBase = FhirBase(context.Request);
        var queryText = context.Request.QueryString.Value ?? "";
        if (offered is not null && answers.TryGet(client.Channel, fhirBase, queryText, offered, out var kept))
        {
            return new FhirJsonBytes(kept);
        }

        var (total, remaining, page) = offered is null ? (0, 0, []) : Match(offered, request);
        var nextUrl = page.Count < remaining
            ? fhirBase + "/Slot" + new PageCursor(page[^1].Start, page[^1].Id.Value).ReplaceIn(context.Request.QueryString.Value)
            : null;
        var slots = page
            .Select(slot => new SearchsetEntry("Slot/" + slot.Id.Value, slotJson.Get(slot, configuration!.Service(slot.ServiceId)!.Service, isBooked: false, zone)))
            .ToList();
        List<SearchsetEntry> includes = configuration is null
            ? []
            : Includes(page, request, new Interval(request.From, request.To)).Select(resource => includeJson.Get(configuration, resource)).ToList();
        var searchset = new SlotSearchsetResult(total, fhirBase + "/Slot" + queryText, nextUrl, fhirBase, slots, includes);
        if (offered is null)
        {
            return searchset;
        }

        var body = searchset.ToBytes();
        answers.Keep(client.Channel, fhirBase, queryText, offered, body);
        return new FhirJsonBytes(body);
    }

    /// <summary>
    /// One pass over the offered days: how many slots match the window and filters (the searchset's total), how many of
    /// them come after the cursor, and the page. Each day is in start order, so the window's first slot is found by
    /// binary search and the day is left at the first slot starting after the window; nothing is sorted or copied.
    /// Without a schedule or service filter, a day that ends inside the window is counted without looking at its
    /// slots: all of them from the window's first match, and all of them after the cursor's place, found by binary search.
    /// </summary>
    private static (int Total, int AfterCursor, List<Slot> Page) Match(OfferedSlots offered, SearchRequest request)
    {
        var limit = request.Count ?? int.MaxValue;
        var page = new List<Slot>(Math.Min(limit, 128));
        var (total, afterCursor) = (0, 0);
        var schedule = request.ScheduleId is { } scheduleId
            ? FhirIds.TryParseSchedule(scheduleId, out var practitionerId, out var siteId, out var serviceId)
                && FhirIds.Schedule(practitionerId, siteId, serviceId) == scheduleId
                    ? (practitionerId, siteId, serviceId)
                    : (-1, -1, -1)
            : ((int, int, int)?)null;
        var filtered = schedule is not null || request.ServiceId is not null;
        foreach (var day in offered.Days)
        {
            var slots = day.ByStart;
            var first = FirstAtOrAfter(slots, 0, slot => slot.Start >= request.From);
            if (!filtered && day.LatestEnd <= request.To)
            {
                total += slots.Count - first;
                var next = request.After is { } after ? FirstAtOrAfter(slots, first, slot => after.IsBefore(slot.Start, slot.Id.Value)) : first;
                afterCursor += slots.Count - next;
                for (var i = next; i < slots.Count && page.Count < limit; i++)
                {
                    page.Add(slots[i]);
                }

                continue;
            }

            for (var i = first; i < slots.Count; i++)
            {
                var slot = slots[i];
                if (slot.Start > request.To)
                {
                    break;
                }

                if (slot.End > request.To
                    || (schedule is { } wanted && (slot.PractitionerId, slot.SiteId, slot.ServiceId) != wanted)
                    || (request.ServiceId is { } service && slot.ServiceId != service))
                {
                    continue;
                }

                total++;
                if (request.After is not { } cursor || cursor.IsBefore(slot.Start, slot.Id.Value))
                {
                    afterCursor++;
                    if (page.Count < limit)
                    {
                        page.Add(slot);
                    }
                }
            }
        }

        return (total, afterCursor, page);
    }

    /// <summary>The first index from <paramref name="from"/> whose slot <paramref name="isPast"/> holds for (false before it, true from it on, as start order makes it).</summary>
    private static int FirstAtOrAfter(IReadOnlyList<Slot> slots, int from, Func<Slot, bool> isPast)
    {
        var (low, high) = (from, slots.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (isPast(slots[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>What <c>_include</c> and <c>_include:iterate</c> add for the page's slots, each resource once, in a fixed order.</summary>
    private static IEnumerable<IncludedResource> Includes(IReadOnlyList<Slot> slots, SearchRequest request, Interval horizon)
    {
        if (slots.Count == 0 || !request.Includes.Contains("Slot:schedule"))
        {
            yield break;
        }

        var schedules = slots.Select(s => (s.PractitionerId, s.SiteId, s.ServiceId)).Distinct().ToList();
        foreach (var (practitionerId, siteId, serviceId) in schedules)
        {
            yield return new IncludedResource(IncludedKind.Schedule, practitionerId, siteId, serviceId, horizon);
        }

        var iterate = request.IterateIncludes;
        var organisationIncluded = false;
        if (iterate.Contains("Schedule:actor:Practitioner"))
        {
            foreach (var id in schedules.Select(s => s.PractitionerId).Distinct())
            {
                yield return new IncludedResource(IncludedKind.Practitioner, id, 0, 0, null);
            }
        }

        if (iterate.Contains("Schedule:actor:PractitionerRole"))
        {
            foreach (var id in schedules.Select(s => s.PractitionerId).Distinct())
            {
                yield return new IncludedResource(IncludedKind.PractitionerRole, id, 0, 0, null);
            }
        }

        if (iterate.Contains("Schedule:actor:Location"))
        {
            foreach (var id in schedules.Select(s => s.SiteId).Distinct())
            {
                yield return new IncludedResource(IncludedKind.Location, 0, id, 0, null);
            }

            organisationIncluded |= iterate.Contains("Location:managingOrganization");
        }

        if (iterate.Contains("Schedule:actor:HealthcareService"))
        {
            foreach (var id in schedules.Select(s => s.ServiceId).Distinct())
            {
                yield return new IncludedResource(IncludedKind.HealthcareService, 0, 0, id, null);
            }

            organisationIncluded |= iterate.Contains("HealthcareService:providedBy");
        }

        // Both paths lead to the one practice Organization; it is included once.
        if (organisationIncluded)
        {
            yield return new IncludedResource(IncludedKind.Organization, 0, 0, 0, null);
        }
    }

    public static R4.Bundle.EntryComponent Entry(string fhirBase, R4.Resource resource, R4.Bundle.SearchEntryMode mode) =>
        new() { FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}", Resource = resource, Search = new R4.Bundle.SearchComponent { Mode = mode } };

    /// <summary>A searchset with its total and self link; no entries is an empty searchset (the SDK writes no empty array).</summary>
    public static R4.Bundle Searchset(int total, string selfUrl, List<R4.Bundle.EntryComponent> entries) =>
        new()
        {
            Type = R4.Bundle.BundleType.Searchset,
            Total = total,
            Link = [new R4.Bundle.LinkComponent { Relation = "self", Url = selfUrl }],
            Entry = entries,
        };

    /// <summary>The configured public FHIR base (<see cref="PublicAddress"/>), never the request's <c>Host</c>.</summary>
    public static string FhirBase(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<PublicAddress>().FhirBase(request);

    private sealed record SearchRequest(
        Instant From, Instant To, string? ScheduleId, int? ServiceId, int? Count, PageCursor? After, HashSet<string> Includes, HashSet<string> IterateIncludes);

    /// <summary>Null when the parameters are good (and <paramref name="request"/> is set); otherwise the 400/422 to answer.</summary>
    private static FhirResult? Validate(FhirQuery query, DateTimeZone zone, out SearchRequest request)
    {
        request = null!;
        var status = query.All("status");
        if (status.Count == 0)
        {
            return OperationOutcomes.BadRequest("status=free is required.");
        }

        if (status.Any(s => s != "free"))
        {
            return OperationOutcomes.InvalidParameter("Only status=free can be searched.");
        }

        Instant? from = null;
        Instant? to = null;
        foreach (var (name, value) in query.Parameters.Where(p => p.Key is "start" or "end"))
        {
            if (FhirDateParameter.TryParse(name, value, zone, out var problem) is not { } parameter)
            {
                return OperationOutcomes.InvalidParameter(problem!);
            }

            if (name == "end" && parameter.Prefix != "le")
            {
                return OperationOutcomes.InvalidParameter($"end={value}: only the le prefix is supported on end.");
            }

            if (parameter.Prefix == "ge")
            {
                from = from is { } earlier ? Instant.Max(earlier, parameter.Instant) : parameter.Instant;
            }
            else
            {
                to = to is { } later ? Instant.Min(later, parameter.Instant) : parameter.Instant;
            }
        }

        if (from is null || to is null)
        {
            return OperationOutcomes.BadRequest("A window is required: start=ge<date>&start=le<date> (or end=le<date>).");
        }

        if (to < from)
        {
            return OperationOutcomes.InvalidParameter("The window ends before it starts.");
        }

        if (to.Value - from.Value > MaxWindow)
        {
            return OperationOutcomes.InvalidParameter("The window is longer than 14 days.");
        }

        string? scheduleId = null;
        if (query.All("schedule") is [var schedule, ..])
        {
            scheduleId = schedule.StartsWith("Schedule/", StringComparison.Ordinal) ? schedule["Schedule/".Length..] : schedule;
        }

        int? serviceId = null;
        if (query.AllOf(ServiceParameters) is [var service, ..])
        {
            var id = service.StartsWith("HealthcareService/", StringComparison.Ordinal) ? service["HealthcareService/".Length..] : service;
            // An id that names no service matches no slot; it is not an error (FHIR search semantics).
            serviceId = FhirIds.TryParseId(id, out var parsed) ? parsed : -1;
        }

        if (PageCursor.ReadPaging(query, id => SlotId.TryParse(id, out _, out _, out _), out var count, out var after) is { } pagingProblem)
        {
            return pagingProblem;
        }

        request = new SearchRequest(
            from.Value, to.Value, scheduleId, serviceId, count, after,
            query.All("_include").ToHashSet(StringComparer.Ordinal),
            query.AllOf("_include:iterate", "_include:recurse").ToHashSet(StringComparer.Ordinal));
        return null;
    }
}
