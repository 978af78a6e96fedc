using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Release;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>
/// Release rules, quotas and the patient cap, versioned by effective date: a change ends the version in force the day
/// before it starts and adds a new version that replaces it, so any past day is explained with the settings then in force.
/// </summary>
public sealed partial class ConfigurationStore
{
    public Task<ConfigurationResult<ReleaseRuleVersion>> AddReleaseRuleAsync(
        ReleaseRuleSpec spec, LocalDate effectiveFrom, ActingParty by, CancellationToken cancellationToken = default) =>
        AddVersionAsync(by, "release-rule", change => change.Db.ReleaseRules, () => NewRule(spec), effectiveFrom, ToVersion, cancellationToken);

    /// <summary>Replaces rule version <paramref name="versionId"/> from <paramref name="effectiveFrom"/> on.</summary>
    public Task<ConfigurationResult<ReleaseRuleVersion>> ChangeReleaseRuleAsync(
        int versionId, ReleaseRuleSpec spec, LocalDate effectiveFrom, ActingParty by, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(by, "release-rule", change => change.Db.ReleaseRules, versionId, () => NewRule(spec), effectiveFrom, ToVersion, cancellationToken);

    /// <summary>Ends rule version <paramref name="versionId"/> after <paramref name="lastDate"/> (inclusive).</summary>
    public Task<ConfigurationResult<ReleaseRuleVersion>> EndReleaseRuleAsync(
        int versionId, LocalDate lastDate, ActingParty by, CancellationToken cancellationToken = default) =>
        EndVersionAsync(by, "release-rule", change => change.Db.ReleaseRules, versionId, lastDate, ToVersion, cancellationToken);

    public Task<ConfigurationResult<QuotaVersion>> AddQuotaAsync(
        QuotaSpec spec, LocalDate effectiveFrom, ActingParty by, CancellationToken cancellationToken = default) =>
        AddVersionAsync(by, "quota", change => change.Db.Quotas, () => NewQuota(spec), effectiveFrom, ToVersion, cancellationToken);

    public Task<ConfigurationResult<QuotaVersion>> ChangeQuotaAsync(
        int versionId, QuotaSpec spec, LocalDate effectiveFrom, ActingParty by, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(by, "quota", change => change.Db.Quotas, versionId, () => NewQuota(spec), effectiveFrom, ToVersion, cancellationToken);

    public Task<ConfigurationResult<QuotaVersion>> EndQuotaAsync(
        int versionId, LocalDate lastDate, ActingParty by, CancellationToken cancellationToken = default) =>
        EndVersionAsync(by, "quota", change => change.Db.Quotas, versionId, lastDate, ToVersion, cancellationToken);

    /// <summary>
    /// Sets the per-patient cap from <paramref name="effectiveFrom"/>: the version in force then is ended the day before
    /// and <paramref name="spec"/> added; a null spec removes the cap from that date.
    /// </summary>
    public Task<ConfigurationResult<PatientCapVersion?>> SetPatientCapAsync(
        PatientCapSpec? spec, LocalDate effectiveFrom, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            if (spec is not null)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(spec.MaxFutureBookings, nameof(spec));
            }

            var current = await change.Db.PatientCaps
                .Where(c => c.EffectiveFrom <= effectiveFrom && (c.EffectiveTo == null || c.EffectiveTo >= effectiveFrom))
                .OrderByDescending(c => c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var before = AuditLog.Snapshot(current);
            if (current is not null)
            {
                if (current.EffectiveFrom == effectiveFrom)
                {
                    return ConfigurationResult<PatientCapVersion?>.Invalid($"A cap version already starts on {effectiveFrom:yyyy-MM-dd}; choose a later date.");
                }

                current.EffectiveTo = effectiveFrom.PlusDays(-1);
            }

            PatientCapRow? added = null;
            if (spec is not null)
            {
                added = new PatientCapRow
                {
                    MaxFutureBookings = spec.MaxFutureBookings,
                    AppliesTo = ReleaseJson.WriteSelector(spec.AppliesTo),
                    EffectiveFrom = effectiveFrom,
                    ReplacesId = current?.Id,
                };
                change.Db.PatientCaps.Add(added);
                await change.Db.SaveChangesAsync(cancellationToken);
            }

            change.Audit("patient-cap.set", "PatientCap", added?.Id ?? current?.Id ?? 0, before, added);
            return ConfigurationResult<PatientCapVersion?>.Done(
                added is null ? null : new PatientCapVersion(added.Id, spec!, added.EffectiveFrom, added.EffectiveTo, added.ReplacesId));
        }, cancellationToken);

    private static ReleaseRuleRow NewRule(ReleaseRuleSpec spec)
    {
        var row = new ReleaseRuleRow();
        RowMapping.CopyRuleSpec(spec, row);
        return row;
    }

    private static QuotaRow NewQuota(QuotaSpec spec)
    {
        var row = new QuotaRow();
        RowMapping.CopyQuotaSpec(spec, row);
        return row;
    }

    private static ReleaseRuleVersion ToVersion(ReleaseRuleRow row) =>
        new(row.Id, RowMapping.ToRuleSpec(row), row.EffectiveFrom, row.EffectiveTo, row.ReplacesId);

    private static QuotaVersion ToVersion(QuotaRow row) =>
        new(row.Id, RowMapping.ToQuotaSpec(row), row.EffectiveFrom, row.EffectiveTo, row.ReplacesId);

    private Task<ConfigurationResult<TVersion>> AddVersionAsync<TRow, TVersion>(
        ActingParty by,
        string subject,
        Func<Change, DbSet<TRow>> table,
        Func<TRow> create,
        LocalDate effectiveFrom,
        Func<TRow, TVersion> toVersion,
        CancellationToken cancellationToken)
        where TRow : class, IEffectiveVersionRow =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var (applied, _) = await ApplyVersionEditAsync(change, table, new AddVersion(effectiveFrom), cancellationToken);
            if (applied.Refusal is { } refusal)
            {
                return ConfigurationResult<TVersion>.Invalid(refusal);
            }

            var row = create();
            CopyAdded(applied, row);
            table(change).Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit(subject + ".created", typeof(TRow).Name.Replace("Row", "", StringComparison.Ordinal), row.Id, null, row);
            return ConfigurationResult<TVersion>.Done(toVersion(row));
        }, cancellationToken);

    private Task<ConfigurationResult<TVersion>> ChangeVersionAsync<TRow, TVersion>(
        ActingParty by,
        string subject,
        Func<Change, DbSet<TRow>> table,
        int versionId,
        Func<TRow> create,
        LocalDate effectiveFrom,
        Func<TRow, TVersion> toVersion,
        CancellationToken cancellationToken)
        where TRow : class, IEffectiveVersionRow =>
        WriteAsync(by, changesRota: false, async change =>
        {
            if (await table(change).FindAsync([versionId], cancellationToken) is not { } old)
            {
                return ConfigurationResult<TVersion>.NotFound($"{subject} version {versionId}");
            }

            var before = AuditLog.Snapshot(old);
            var (applied, rows) = await ApplyVersionEditAsync(change, table, new ReplaceVersion(versionId, effectiveFrom), cancellationToken);
            if (applied.Refusal is { } refusal)
            {
                return ConfigurationResult<TVersion>.Invalid(refusal);
            }

            CopyPeriods(applied, rows);
            var row = create();
            CopyAdded(applied, row);
            table(change).Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit(subject + ".changed", typeof(TRow).Name.Replace("Row", "", StringComparison.Ordinal), row.Id, before, row);
            return ConfigurationResult<TVersion>.Done(toVersion(row));
        }, cancellationToken);

    private Task<ConfigurationResult<TVersion>> EndVersionAsync<TRow, TVersion>(
        ActingParty by,
        string subject,
        Func<Change, DbSet<TRow>> table,
        int versionId,
        LocalDate lastDate,
        Func<TRow, TVersion> toVersion,
        CancellationToken cancellationToken)
        where TRow : class, IEffectiveVersionRow =>
        WriteAsync(by, changesRota: false, async change =>
        {
            if (await table(change).FindAsync([versionId], cancellationToken) is not { } row)
            {
                return ConfigurationResult<TVersion>.NotFound($"{subject} version {versionId}");
            }

            var before = AuditLog.Snapshot(row);
            var (applied, rows) = await ApplyVersionEditAsync(change, table, new EndVersion(versionId, lastDate), cancellationToken);
            if (applied.Refusal is { } refusal)
            {
                return ConfigurationResult<TVersion>.Invalid(refusal);
            }

            CopyPeriods(applied, rows);
            change.Audit(subject + ".ended", typeof(TRow).Name.Replace("Row", "", StringComparison.Ordinal), row.Id, before, row);
            return ConfigurationResult<TVersion>.Done(toVersion(row));
        }, cancellationToken);

    /// <summary>
    /// Applies Core's <paramref name="edit"/> to every stored version of the table (the same command the what-if preview
    /// applies to the configuration); the rows come back tracked, to be changed to match.
    /// </summary>
    private static async Task<(VersionEditResult Applied, List<TRow> Rows)> ApplyVersionEditAsync<TRow>(
        Change change, Func<Change, DbSet<TRow>> table, VersionEdit edit, CancellationToken cancellationToken)
        where TRow : class, IEffectiveVersionRow
    {
        var rows = await table(change).ToListAsync(cancellationToken);
        var versions = rows.Select(r => new DatedVersion(r.Id, new EffectivePeriod(r.EffectiveFrom, r.EffectiveTo), r.ReplacesId));
        var unsavedId = rows.Select(r => r.Id).DefaultIfEmpty(0).Max() + 1;
        return (edit.Apply(versions, unsavedId, change.Today, laysDownHistory: change.By.Kind == AuditActorKind.System), rows);
    }

    private static void CopyPeriods<TRow>(VersionEditResult applied, List<TRow> rows)
        where TRow : class, IEffectiveVersionRow
    {
        var periods = applied.Versions.ToDictionary(v => v.Id, v => v.Period);
        foreach (var row in rows)
        {
            if (periods.TryGetValue(row.Id, out var period) && period.To != row.EffectiveTo)
            {
                row.EffectiveTo = period.To;
            }
        }
    }

    private static void CopyAdded(VersionEditResult applied, IEffectiveVersionRow row)
    {
        var added = applied.Added ?? throw new InvalidOperationException("The version edit added no version.");
        row.EffectiveFrom = added.Period.From;
        row.EffectiveTo = added.Period.To;
        row.ReplacesId = added.ReplacesId;
    }
}
