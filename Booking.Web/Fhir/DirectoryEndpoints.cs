using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Mapping;
using NodaTime;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// Reads by id of the resources a slot search can include, plus Slot itself. Retired sites, clinicians and
/// services stay readable: past slots and appointments still point at them.
/// </summary>
internal static class DirectoryEndpoints
{
    public static async Task<IResult> GetOrganizationAsync(string id, BookingQueries queries, CancellationToken cancellationToken) =>
        await queries.GetConfigurationAsync(cancellationToken) is { } config && config.Practice.OdsCode.Value == id
            ? Found(R4Mapper.ToOrganization(config.Practice))
            : Unknown("Organization", id);

    public static async Task<IResult> GetLocationAsync(string id, BookingQueries queries, CancellationToken cancellationToken) =>
        await LoadAsync(id, queries, (config, key) => config.Site(key), cancellationToken) is ({ } config, { } site)
            ? Found(R4Mapper.ToLocation(site.Site, config.Practice))
            : Unknown("Location", id);

    public static async Task<IResult> GetHealthcareServiceAsync(string id, BookingQueries queries, CancellationToken cancellationToken) =>
        await LoadAsync(id, queries, (config, key) => config.Service(key), cancellationToken) is ({ } config, { } service)
            ? Found(R4Mapper.ToHealthcareService(service.Service, config.Practice))
            : Unknown("HealthcareService", id);

    public static async Task<IResult> GetPractitionerAsync(string id, BookingQueries queries, CancellationToken cancellationToken) =>
        await LoadAsync(id, queries, (config, key) => config.Practitioner(key), cancellationToken) is (_, { } practitioner)
            ? Found(R4Mapper.ToPractitioner(practitioner.Practitioner))
            : Unknown("Practitioner", id);

    public static async Task<IResult> GetPractitionerRoleAsync(string id, BookingQueries queries, CancellationToken cancellationToken) =>
        await LoadAsync(id, queries, (config, key) => config.Practitioner(key), cancellationToken) is ({ } config, { } practitioner)
            ? Found(R4Mapper.ToPractitionerRole(practitioner.Practitioner, config.Practice))
            : Unknown("PractitionerRole", id);

    public static async Task<IResult> GetScheduleAsync(string id, BookingQueries queries, IClock clock, CancellationToken cancellationToken)
    {
        var config = await queries.GetConfigurationAsync(cancellationToken);
        if (config is null
            || !FhirIds.TryParseSchedule(id, out var practitionerId, out var siteId, out var serviceId)
            || config.Practitioner(practitionerId) is not { } practitioner
            || config.Site(siteId) is not { } site
            || config.Service(serviceId) is not { } service)
        {
            return Unknown("Schedule", id);
        }

        var now = clock.GetCurrentInstant();
        return Found(R4Mapper.ToSchedule(
            practitioner.Practitioner, site.Site, service.Service, new Interval(now, now + SlotSearch.MaxWindow), config.Zone));
    }

    public static async Task<IResult> GetSlotAsync(string id, HttpContext context, BookingQueries queries)
    {
        var client = FhirCaller.Current(context);

        if (!SlotId.TryParse(id, out var slotId, out _, out _)
            || await queries.GetConfigurationAsync(context.RequestAborted) is not { } config
            || await queries.FindSlotAsync(slotId, client.AsCaller(), context.RequestAborted) is not { } lookup
            || config.Service(lookup.Slot.ServiceId) is not { } service)
        {
            return Unknown("Slot", id);
        }

        return Found(R4Mapper.ToFhir(lookup.Slot, service.Service, isBooked: lookup.Holder is not null, config.Zone));
    }

    private static async Task<(PracticeConfiguration? Config, T? Item)> LoadAsync<T>(
        string id, BookingQueries queries, Func<PracticeConfiguration, int, T?> find, CancellationToken cancellationToken)
        where T : class
    {
        if (!FhirIds.TryParseId(id, out var key) || await queries.GetConfigurationAsync(cancellationToken) is not { } config)
        {
            return (null, null);
        }

        return (config, find(config, key));
    }

    private static FhirResult Found(R4.Resource resource) => new(StatusCodes.Status200OK, resource);

    private static FhirResult Unknown(string type, string id) => OperationOutcomes.NotFound($"{type}/{id} is not known here.");
}
