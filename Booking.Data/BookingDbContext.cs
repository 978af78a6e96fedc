using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Clients;
using Booking.Data.Identity;
using Booking.Data.Instances;
using Booking.Data.PostgreSql;
using Booking.Data.Release;
using Booking.Data.Reporting;
using Booking.Data.Scheduling;
using Booking.Data.Storage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data;

/// <summary>
/// The one database of a practice: staff identities plus the domain tables. Blazor components take a
/// short-lived instance per operation from <see cref="IDbContextFactory{TContext}"/>, never one per circuit.
/// </summary>
public sealed class BookingDbContext(DbContextOptions<BookingDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PracticeRow> Practice => Set<PracticeRow>();

    public DbSet<SiteRow> Sites => Set<SiteRow>();

    public DbSet<PractitionerRow> Practitioners => Set<PractitionerRow>();

    public DbSet<ServiceRow> Services => Set<ServiceRow>();

    public DbSet<SessionTemplateRow> SessionTemplates => Set<SessionTemplateRow>();

    public DbSet<OneOffSessionRow> OneOffSessions => Set<OneOffSessionRow>();

    public DbSet<DayEditRow> DayEdits => Set<DayEditRow>();

    public DbSet<ClosureRow> Closures => Set<ClosureRow>();

    public DbSet<LeaveRow> Leave => Set<LeaveRow>();

    public DbSet<ReleaseRuleRow> ReleaseRules => Set<ReleaseRuleRow>();

    public DbSet<QuotaRow> Quotas => Set<QuotaRow>();

    public DbSet<PatientCapRow> PatientCaps => Set<PatientCapRow>();

    public DbSet<ChannelPauseRow> ChannelPauses => Set<ChannelPauseRow>();

    public DbSet<PatientRow> Patients => Set<PatientRow>();

    public DbSet<AppointmentRow> Appointments => Set<AppointmentRow>();

    public DbSet<AppointmentStatusChangeRow> AppointmentStatusChanges => Set<AppointmentStatusChangeRow>();

    public DbSet<AppointmentSlotRow> AppointmentSlots => Set<AppointmentSlotRow>();

    public DbSet<ApiClientRow> ApiClients => Set<ApiClientRow>();

    public DbSet<WriteLockRow> WriteLock => Set<WriteLockRow>();

    /// <summary>Refused booking attempts counted per slot date, channel group and reason (no patient data).</summary>
    public DbSet<BookingRefusalCountRow> BookingRefusalCounts => Set<BookingRefusalCountRow>();

    /// <summary>The FHIR API's token signing key (one row, protected), shared by every instance.</summary>
    public DbSet<TokenSigningKeyRow> TokenSigningKeys => Set<TokenSigningKeyRow>();

    /// <summary>Client assertions already exchanged for a token, until they expire.</summary>
    public DbSet<UsedClientAssertionRow> UsedClientAssertions => Set<UsedClientAssertionRow>();

    /// <summary>Committed changes, for the other app instances on the database to hear of (<see cref="ChangeNoticeRelay"/>).</summary>
    public DbSet<ChangeNoticeRow> ChangeNotices => Set<ChangeNoticeRow>();

    /// <summary>Rate limit windows counted for every app instance on the database.</summary>
    public DbSet<RateLimitWindowRow> RateLimitWindows => Set<RateLimitWindowRow>();

    /// <summary>
    /// The Data Protection keys that protect sign-in cookies and form tokens, kept here on a server database so that
    /// every app instance on it reads and accepts the others' (on SQLite they stay in a folder beside the file).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BookingDbContext).Assembly);
        if (Database.ProviderName == PostgreSqlSetup.ProviderName)
        {
            PostgreSqlSetup.AdjustModel(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC DateTime, which every provider can compare and sort
        // (SQLite keeps ISO-8601 text); local dates and times keep their local meaning.
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeConverter>();
        configurationBuilder.Properties<LocalDateTime>().HaveConversion<LocalDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The original value stays the one compared in the UPDATE's WHERE clause, so a row changed since it was read
    // updates nothing and EF reports a concurrency conflict.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersionedRow>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }

    // The audit log is evidence: once written, it is never edited or removed through the application.
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
    }
}
