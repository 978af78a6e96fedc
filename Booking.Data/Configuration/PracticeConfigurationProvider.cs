using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>
/// Loads the <see cref="PracticeConfiguration"/> and keeps the last one in memory. Every read costs one indexed
/// single-row query (the practice's configuration version); the whole configuration is read again only when that
/// version moved (any configuration write raises it in its own transaction, whichever process made it) or the
/// practice's local date changed. Register as a singleton.
/// </summary>
public sealed class PracticeConfigurationProvider(IDbContextFactory<BookingDbContext> dbFactory, IClock clock)
{
    private readonly object _gate = new();
    private PracticeConfiguration? _cached;

    /// <summary>The current configuration, or null when no practice has been set up yet.</summary>
    public async Task<PracticeConfiguration?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await GetAsync(db, cancellationToken);
    }

    /// <summary>
    /// The configuration as <paramref name="db"/> sees it: inside a write transaction this is exactly the
    /// configuration the transaction's decisions are based on.
    /// </summary>
    public async Task<PracticeConfiguration?> GetAsync(BookingDbContext db, CancellationToken cancellationToken = default)
    {
        var practice = await db.Practice.AsNoTracking()
            .Where(p => p.Id == PracticeRow.SingletonId)
            .Select(p => new { p.ConfigurationVersion, p.TimeZoneId })
            .SingleOrDefaultAsync(cancellationToken);
        if (practice is null)
        {
            return null;
        }

        var today = PracticeTime.Today(clock, DateTimeZoneProviders.Tzdb[practice.TimeZoneId]);
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && cached.Version == practice.ConfigurationVersion && cached.LoadedFor == today)
        {
            return cached;
        }

        var loaded = await LoadAsync(db, today, cancellationToken);
        lock (_gate)
        {
            // Two readers may load at once; never replace a newer snapshot with an older one.
            if (_cached is null || loaded.Version > _cached.Version || (loaded.Version == _cached.Version && loaded.LoadedFor >= _cached.LoadedFor))
            {
                _cached = loaded;
            }
        }

        return loaded;
    }

    /// <summary>Reads the configuration afresh, bypassing the cache (writes use it inside their transaction, before commit).</summary>
    internal static async Task<PracticeConfiguration> LoadAsync(BookingDbContext db, LocalDate today, CancellationToken cancellationToken)
    {
        var practiceRow = await db.Practice.AsNoTracking().SingleAsync(p => p.Id == PracticeRow.SingletonId, cancellationToken);
        var practice = RowMapping.ToPractice(practiceRow);

        var sites = (await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(row => new ConfiguredSite(RowMapping.ToSite(row), row.RetiredOn)).ToList();
        var practitioners = (await db.Practitioners.AsNoTracking().Include(p => p.Identifiers).OrderBy(p => p.Id).ToListAsync(cancellationToken))
            .Select(row => new ConfiguredPractitioner(RowMapping.ToPractitioner(row), row.RetiredOn)).ToList();
        var services = (await db.Services.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Select(row => new ConfiguredService(RowMapping.ToService(row), row.RetiredOn)).ToList();

        var templates = await db.SessionTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var oneOffs = await db.OneOffSessions.AsNoTracking().Where(o => o.WithdrawnAt == null).ToListAsync(cancellationToken);
        var dayEdits = await db.DayEdits.AsNoTracking().Where(e => e.WithdrawnAt == null).ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => c.WithdrawnAt == null).ToListAsync(cancellationToken);
        var leave = await db.Leave.AsNoTracking().Where(l => l.WithdrawnAt == null).ToListAsync(cancellationToken);
        var rota = new Rota(
            templates.Select(RowMapping.ToTemplate),
            oneOffs.Select(RowMapping.ToOneOff),
            dayEdits.Select(RowMapping.ToDayEdit),
            closures.Select(RowMapping.ToClosure),
            leave.Select(RowMapping.ToLeave),
            BankHolidayCalendar.EnglandAndWales,
            practice.TimeZone);

        var ruleRows = await db.ReleaseRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var quotaRows = await db.Quotas.AsNoTracking().OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var capRows = await db.PatientCaps.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var capInForce = capRows.LastOrDefault(c => c.EffectiveFrom <= today && (c.EffectiveTo is null || today <= c.EffectiveTo));
        var pauses = (await db.ChannelPauses.AsNoTracking()
                .Where(p => p.LiftedAt == null && p.LastDay >= today)
                .OrderBy(p => p.FirstDay).ThenBy(p => p.Id)
                .ToListAsync(cancellationToken))
            .Select(RowMapping.ToPause).ToList();

        var unbookable = services
            .Where(s => !s.Service.IsBookable || (s.RetiredOn is { } retired && retired <= today))
            .Select(s => s.Service.Id);
        var policy = new ReleasePolicy(
            practice.TimeZone,
            ruleRows.Select(RowMapping.ToRule),
            quotaRows.Select(RowMapping.ToQuota),
            capInForce is null ? null : new PatientCap(capInForce.MaxFutureBookings, RowMapping.ToPatientCapSpec(capInForce).AppliesTo.ToSelector()),
            unbookable,
            pauses);

        return new PracticeConfiguration(
            practiceRow.ConfigurationVersion,
            today,
            practice,
            sites,
            practitioners,
            services,
            rota,
            policy,
            ruleRows.Select(r => new ReleaseRuleVersion(r.Id, RowMapping.ToRuleSpec(r), r.EffectiveFrom, r.EffectiveTo, r.ReplacesId)).ToList(),
            quotaRows.Select(q => new QuotaVersion(q.Id, RowMapping.ToQuotaSpec(q), q.EffectiveFrom, q.EffectiveTo, q.ReplacesId)).ToList(),
            capRows.Select(c => new PatientCapVersion(c.Id, RowMapping.ToPatientCapSpec(c), c.EffectiveFrom, c.EffectiveTo, c.ReplacesId)).ToList());
    }
}
