using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>Sites, practitioners and services: added, edited, retired (never deleted, so history keeps its references).</summary>
public sealed partial class ConfigurationStore
{
    public Task<ConfigurationResult<Site>> AddSiteAsync(string name, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = new SiteRow { Name = new Site(UnsavedId, name).Name };
            change.Db.Sites.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("site.created", "Site", row.Id, null, row);
            return ConfigurationResult<Site>.Done(RowMapping.ToSite(row));
        }, cancellationToken);

    public Task<ConfigurationResult<Site>> RenameSiteAsync(
        int id, string name, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Site, id, expectedVersion, "changed", change => change.Db.Sites.FindAsync([id], cancellationToken).AsTask(),
            (_, row) => Edited(() => row.Name = new Site(id, name).Name), RowMapping.ToSite, cancellationToken);

    /// <summary>Stops offering the site for new configuration from <paramref name="retiredOn"/>; its history stays.</summary>
    public Task<ConfigurationResult<Site>> RetireSiteAsync(int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Site, id, expectedVersion: null, "retired", change => change.Db.Sites.FindAsync([id], cancellationToken).AsTask(),
            (_, row) => Edited(() => row.RetiredOn = retiredOn), RowMapping.ToSite, cancellationToken);

    public Task<ConfigurationResult<Practitioner>> AddPractitionerAsync(
        PractitionerDetails details, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            ArgumentNullException.ThrowIfNull(details);
            if (await DuplicatePractitionerAsync(change, details, exceptId: null, cancellationToken) is { } duplicate)
            {
                return ConfigurationResult<Practitioner>.Invalid(duplicate.Message, duplicate.Field);
            }

            var row = new PractitionerRow();
            CopyPractitioner(new Practitioner(UnsavedId, details.Name, details.Role, details.Identifiers), row);
            change.Db.Practitioners.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("practitioner.created", "Practitioner", row.Id, null, row);
            return ConfigurationResult<Practitioner>.Done(RowMapping.ToPractitioner(row));
        }, cancellationToken);

    public Task<ConfigurationResult<Practitioner>> UpdatePractitionerAsync(
        int id, PractitionerDetails details, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Practitioner, id, expectedVersion, "changed", change => PractitionerWithIdentifiersAsync(change, id, cancellationToken),
            (change, row) => Edited(() =>
            {
                CopyPractitioner(new Practitioner(id, details.Name, details.Role, details.Identifiers), row);

                // Identifiers are child rows: changing only them must still move the practitioner's version.
                change.Db.Entry(row).Property(p => p.Version).IsModified = true;
            }),
            RowMapping.ToPractitioner,
            cancellationToken,
            change => DuplicatePractitionerAsync(change, details, exceptId: id, cancellationToken));

    /// <summary>
    /// Another clinician the details would repeat: one still working here with the same name and role (trimmed, any
    /// case), or anyone, retired or not, holding one of the same register numbers (one GMC or NMC number is one person).
    /// </summary>
    private static async Task<Duplicate?> DuplicatePractitionerAsync(Change change, PractitionerDetails details, int? exceptId, CancellationToken cancellationToken)
    {
        var name = details.Name.Trim().ToLowerInvariant();
        var sameName = await change.Db.Practitioners.AsNoTracking()
            .Where(p => p.Id != exceptId && p.RetiredOn == null && p.Role == details.Role && p.Name.ToLower() == name)
            .Select(p => p.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (sameName is not null)
        {
            return new Duplicate("Name", $"{sameName} is already a clinician here in the same role. Edit that clinician instead, or tell them apart by name (e.g. add an initial).");
        }

        foreach (var identifier in details.Identifiers ?? [])
        {
            var value = identifier.Value;
            var holder = await change.Db.Practitioners.AsNoTracking()
                .Where(p => p.Id != exceptId && p.Identifiers.Any(i => i.Kind == identifier.Kind && i.Value == value))
                .Select(p => p.Name)
                .FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                return new Duplicate($"Identifiers.{identifier.Kind}", $"{holder} already has this number; one register number belongs to one person. Check the number, or edit {holder} instead.");
            }
        }

        return null;
    }

    /// <summary>Marks the practitioner as having left from <paramref name="retiredOn"/>; end their templates separately (that lists affected bookings).</summary>
    public Task<ConfigurationResult<Practitioner>> RetirePractitionerAsync(
        int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Practitioner, id, expectedVersion: null, "retired", change => PractitionerWithIdentifiersAsync(change, id, cancellationToken),
            (_, row) => Edited(() => row.RetiredOn = retiredOn), RowMapping.ToPractitioner, cancellationToken);

    public Task<ConfigurationResult<Service>> AddServiceAsync(ServiceDetails details, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = new ServiceRow();
            CopyService(ToService(UnsavedId, details), row);
            change.Db.Services.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("service.created", "Service", row.Id, null, row);
            return ConfigurationResult<Service>.Done(RowMapping.ToService(row));
        }, cancellationToken);

    public Task<ConfigurationResult<Service>> UpdateServiceAsync(
        int id, ServiceDetails details, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Service, id, expectedVersion, "changed", change => change.Db.Services.FindAsync([id], cancellationToken).AsTask(),
            (_, row) => Edited(() => CopyService(ToService(id, details), row)), RowMapping.ToService, cancellationToken);

    /// <summary>Stops offering the service from <paramref name="retiredOn"/>; booked appointments of it stand.</summary>
    public Task<ConfigurationResult<Service>> RetireServiceAsync(int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.Service, id, expectedVersion: null, "retired", change => change.Db.Services.FindAsync([id], cancellationToken).AsTask(),
            (_, row) => Edited(() => row.RetiredOn = retiredOn), RowMapping.ToService, cancellationToken);

    private static Task<PractitionerRow?> PractitionerWithIdentifiersAsync(Change change, int id, CancellationToken cancellationToken) =>
        change.Db.Practitioners.Include(p => p.Identifiers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    private static Service ToService(int id, ServiceDetails details) =>
        new(id, details.Name, details.DefaultLength, details.DeliveryMode, details.Category, details.EligibleRoles, details.IsBookable);

    private static void CopyService(Service service, ServiceRow row)
    {
        row.Name = service.Name;
        row.DefaultLengthMinutes = service.DefaultLength.Minutes;
        row.DeliveryMode = service.DeliveryMode;
        row.Category = service.Category;
        row.EligibleRoles = RowMapping.FormatRoles(service.EligibleRoles);
        row.IsBookable = service.IsBookable;
    }

    private static void CopyPractitioner(Practitioner practitioner, PractitionerRow row)
    {
        row.Name = practitioner.Name;
        row.Role = practitioner.Role;
        row.Identifiers.RemoveAll(existing => !practitioner.Identifiers.Any(i => i.Kind == existing.Kind));
        foreach (var identifier in practitioner.Identifiers)
        {
            var existing = row.Identifiers.Find(i => i.Kind == identifier.Kind);
            if (existing is null)
            {
                row.Identifiers.Add(new PractitionerIdentifierRow { Kind = identifier.Kind, Value = identifier.Value });
            }
            else
            {
                existing.Value = identifier.Value;
            }
        }
    }
}
