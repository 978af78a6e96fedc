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
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Sites.FindAsync([id], cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Site>.NotFound($"site {id}");
            }

            if (CheckVersion<Site>(row, expectedVersion) is { } conflict)
            {
                return conflict;
            }

            var before = AuditLog.Snapshot(row);
            row.Name = new Site(id, name).Name;
            change.Audit("site.changed", "Site", id, before, row);
            return ConfigurationResult<Site>.Done(RowMapping.ToSite(row));
        }, cancellationToken);

    /// <summary>Stops offering the site for new configuration from <paramref name="retiredOn"/>; its history stays.</summary>
    public Task<ConfigurationResult<Site>> RetireSiteAsync(int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Sites.FindAsync([id], cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Site>.NotFound($"site {id}");
            }

            var before = AuditLog.Snapshot(row);
            row.RetiredOn = retiredOn;
            change.Audit("site.retired", "Site", id, before, row);
            return ConfigurationResult<Site>.Done(RowMapping.ToSite(row));
        }, cancellationToken);

    public Task<ConfigurationResult<Practitioner>> AddPractitionerAsync(
        PractitionerDetails details, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = new PractitionerRow();
            CopyPractitioner(new Practitioner(UnsavedId, details.Name, details.Role, details.Identifiers), row);
            change.Db.Practitioners.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("practitioner.created", "Practitioner", row.Id, null, row);
            return ConfigurationResult<Practitioner>.Done(RowMapping.ToPractitioner(row));
        }, cancellationToken);

    public Task<ConfigurationResult<Practitioner>> UpdatePractitionerAsync(
        int id, PractitionerDetails details, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Practitioners.Include(p => p.Identifiers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Practitioner>.NotFound($"practitioner {id}");
            }

            if (CheckVersion<Practitioner>(row, expectedVersion) is { } conflict)
            {
                return conflict;
            }

            var before = AuditLog.Snapshot(row);
            CopyPractitioner(new Practitioner(id, details.Name, details.Role, details.Identifiers), row);
            change.Audit("practitioner.changed", "Practitioner", id, before, row);
            return ConfigurationResult<Practitioner>.Done(RowMapping.ToPractitioner(row));
        }, cancellationToken);

    /// <summary>Marks the practitioner as having left from <paramref name="retiredOn"/>; end their templates separately (that lists affected bookings).</summary>
    public Task<ConfigurationResult<Practitioner>> RetirePractitionerAsync(
        int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Practitioners.Include(p => p.Identifiers).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Practitioner>.NotFound($"practitioner {id}");
            }

            var before = AuditLog.Snapshot(row);
            row.RetiredOn = retiredOn;
            change.Audit("practitioner.retired", "Practitioner", id, before, row);
            return ConfigurationResult<Practitioner>.Done(RowMapping.ToPractitioner(row));
        }, cancellationToken);

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
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Services.FindAsync([id], cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Service>.NotFound($"service {id}");
            }

            if (CheckVersion<Service>(row, expectedVersion) is { } conflict)
            {
                return conflict;
            }

            var before = AuditLog.Snapshot(row);
            CopyService(ToService(id, details), row);
            change.Audit("service.changed", "Service", id, before, row);
            return ConfigurationResult<Service>.Done(RowMapping.ToService(row));
        }, cancellationToken);

    /// <summary>Stops offering the service from <paramref name="retiredOn"/>; booked appointments of it stand.</summary>
    public Task<ConfigurationResult<Service>> RetireServiceAsync(int id, LocalDate retiredOn, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.Services.FindAsync([id], cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<Service>.NotFound($"service {id}");
            }

            var before = AuditLog.Snapshot(row);
            row.RetiredOn = retiredOn;
            change.Audit("service.retired", "Service", id, before, row);
            return ConfigurationResult<Service>.Done(RowMapping.ToService(row));
        }, cancellationToken);

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
