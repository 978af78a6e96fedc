using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Mapping;
using NodaTime;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>What a slot search includes beside its Slots: the kind of resource, its ids, and a Schedule's planning horizon.</summary>
internal enum IncludedKind
{
    Schedule,
    Practitioner,
    PractitionerRole,
    Location,
    HealthcareService,
    Organization,
}

/// <summary>One resource a slot search includes. Ids that the kind does not use are 0; only a Schedule has a horizon.</summary>
internal readonly record struct IncludedResource(IncludedKind Kind, int PractitionerId, int SiteId, int ServiceId, Interval? Horizon);

/// <summary>
/// The JSON of each resource a slot search includes, kept per configuration. A page of 50 slots carries a dozen Schedules,
/// and mapping and serialising them with the SDK was a quarter of the search's CPU (docs/performance.md); they change only
/// when the configuration does. Entries hang off the <see cref="PracticeConfiguration"/> they were made from (immutable,
/// replaced on every change), so a new configuration starts with none and can never be served another's.
/// </summary>
internal sealed class IncludeJsonCache
{
    /// <summary>Schedules carry the search window as their horizon, so windows multiply entries; past this many a configuration's start again.</summary>
    public const int MaxEntriesPerConfiguration = 4_096;

    private readonly ConditionalWeakTable<PracticeConfiguration, ConcurrentDictionary<IncludedResource, SearchsetEntry>> _byConfiguration = [];

    public SearchsetEntry Get(PracticeConfiguration configuration, IncludedResource resource)
    {
        var entries = _byConfiguration.GetValue(configuration, _ => new ConcurrentDictionary<IncludedResource, SearchsetEntry>());
        if (entries.TryGetValue(resource, out var entry))
        {
            return entry;
        }

        if (entries.Count >= MaxEntriesPerConfiguration)
        {
            entries.Clear();
        }

        var mapped = Map(configuration, resource);
        entry = new SearchsetEntry(mapped.TypeName + "/" + mapped.Id, FhirJson.Serialize(mapped));
        entries[resource] = entry;
        return entry;
    }

    private static R4.Resource Map(PracticeConfiguration configuration, IncludedResource resource) => resource.Kind switch
    {
        IncludedKind.Schedule => R4Mapper.ToSchedule(
            configuration.Practitioner(resource.PractitionerId)!.Practitioner, configuration.Site(resource.SiteId)!.Site,
            configuration.Service(resource.ServiceId)!.Service, resource.Horizon, configuration.Zone),
        IncludedKind.Practitioner => R4Mapper.ToPractitioner(configuration.Practitioner(resource.PractitionerId)!.Practitioner),
        IncludedKind.PractitionerRole => R4Mapper.ToPractitionerRole(configuration.Practitioner(resource.PractitionerId)!.Practitioner, configuration.Practice),
        IncludedKind.Location => R4Mapper.ToLocation(configuration.Site(resource.SiteId)!.Site, configuration.Practice),
        IncludedKind.HealthcareService => R4Mapper.ToHealthcareService(configuration.Service(resource.ServiceId)!.Service, configuration.Practice),
        IncludedKind.Organization => R4Mapper.ToOrganization(configuration.Practice),
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource.Kind, "Not a resource a slot search includes."),
    };
}
