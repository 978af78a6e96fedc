using Booking.Core.Organisations;
using Booking.Core.Scheduling;
using Booking.Data;
using Booking.Web.Fhir.Mapping;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Fhir;

/// <summary>Reads of the practice's directory resources: the Organization and its Locations.</summary>
internal static class DirectoryEndpoints
{
    public static async Task<IResult> GetOrganizationAsync(string id, IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken)
    {
        var practice = await LoadPracticeAsync(dbFactory, cancellationToken);
        return practice is not null && practice.OdsCode.Value == id
            ? new FhirResult(StatusCodes.Status200OK, R4Mapper.ToOrganization(practice))
            : OperationOutcomes.NotFound($"Organization/{id} is not known here.");
    }

    public static async Task<IResult> GetLocationAsync(string id, IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken)
    {
        if (!FhirIds.TryParseId(id, out var siteId))
        {
            return OperationOutcomes.NotFound($"Location/{id} is not known here.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken);
        var practice = await LoadPracticeAsync(dbFactory, cancellationToken);
        return site is null || practice is null
            ? OperationOutcomes.NotFound($"Location/{id} is not known here.")
            : new FhirResult(StatusCodes.Status200OK, R4Mapper.ToLocation(new Site(site.Id, site.Name), practice));
    }

    private static async Task<Practice?> LoadPracticeAsync(IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Practice.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new Practice(OdsCode.Parse(row.OdsCode), row.Name, row.RegisteredListSize);
    }
}
