using System.Globalization;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Reporting;

/// <summary>Which kind of saved setting a change is.</summary>
public enum ImpactChangeKind
{
    /// <summary>A release rule version.</summary>
    ReleaseRule,

    /// <summary>A quota version.</summary>
    Quota,
}

/// <summary>A saved release-rule or quota change the impact report can be asked about.</summary>
/// <param name="Kind">Rule or quota.</param>
/// <param name="VersionId">The version that started (or, for an ending, the version that ended).</param>
/// <param name="Date">The first slot date under the change.</param>
/// <param name="Description">What changed, for a manager: "Changed release rule for GP telephone appointment: reception, online".</param>
public sealed record ImpactChange(ImpactChangeKind Kind, int VersionId, LocalDate Date, string Description);

/// <summary>The impact report for one change date, with the configuration to name services by.</summary>
/// <param name="Comparison">The weeks before beside the weeks from the change.</param>
/// <param name="Configuration">The practice's configuration when computed.</param>
/// <param name="Today">The practice-local date it was computed on (only days before it are measured).</param>
public sealed record ImpactReportSet(ImpactComparison Comparison, PracticeConfiguration Configuration, LocalDate Today);

/// <summary>
/// Loads what <see cref="ImpactReport"/> compares: the slots the stored rota produces over both sides and third next
/// available's horizon beyond them (slots are computed, never stored), the appointments dated in those days, and every
/// rule and quota version, so each side is judged by the versions in force on its dates. The history starts at the
/// earliest of the rota's first session and the first appointment.
/// </summary>
public sealed class ImpactQueries(IDbContextFactory<BookingDbContext> dbFactory, PracticeConfigurationProvider configuration, IClock clock)
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// Every saved release-rule and quota change, newest first: each version's start ("New" or "Changed" when it replaced
    /// one) and each ending no version took over from. Empty when no practice is configured.
    /// </summary>
    public async Task<IReadOnlyList<ImpactChange>> ListChangesAsync(CancellationToken cancellationToken = default)
    {
        var config = await configuration.GetAsync(cancellationToken);
        if (config is null)
        {
            return [];
        }

        var changes = new List<ImpactChange>();
        foreach (var rule in config.RuleVersions)
        {
            var what = $"release rule for {Scope(rule.Spec.Scope, config)}";
            var who = string.Join(", ", rule.Spec.Channels.Select(c => c.Channel.ToSelector().Name));
            changes.Add(new(ImpactChangeKind.ReleaseRule, rule.Id, rule.EffectiveFrom, $"{(rule.ReplacesId is null ? "New" : "Changed")} {what}: {who}"));
            if (Ending(rule.EffectiveTo, config.RuleVersions.Any(v => v.ReplacesId == rule.Id)) is { } ended)
            {
                changes.Add(new(ImpactChangeKind.ReleaseRule, rule.Id, ended, $"Ended {what}"));
            }
        }

        foreach (var quota in config.QuotaVersions)
        {
            var what = $"quota for {quota.Spec.Channel.ToSelector().Name} on {ServiceName(quota.Spec.ServiceId, config)}";
            var limit = Limit(quota.Spec);
            changes.Add(new(ImpactChangeKind.Quota, quota.Id, quota.EffectiveFrom, $"{(quota.ReplacesId is null ? "New" : "Changed")} {what}: {limit}"));
            if (Ending(quota.EffectiveTo, config.QuotaVersions.Any(v => v.ReplacesId == quota.Id)) is { } ended)
            {
                changes.Add(new(ImpactChangeKind.Quota, quota.Id, ended, $"Ended {what}"));
            }
        }

        return changes.OrderByDescending(c => c.Date).ThenBy(c => c.Kind).ThenByDescending(c => c.VersionId).ToList();
    }

    /// <summary>
    /// The <paramref name="weeks"/> weeks before <paramref name="changeDate"/> beside as many from it, measured up to
    /// yesterday; null when no practice is configured.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is not <see cref="ImpactReport.MinWeeks"/> to <see cref="ImpactReport.MaxWeeks"/>.</exception>
    public async Task<ImpactReportSet?> GetAsync(LocalDate changeDate, int weeks, CancellationToken cancellationToken = default)
    {
        var (before, after) = ImpactReport.AskedWindows(changeDate, weeks);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await configuration.GetAsync(db, cancellationToken);
        if (config is null)
        {
            return null;
        }

        var today = PracticeTime.Today(clock, config.Zone);
        var (first, last) = (before.Start, after.End.PlusDays(ImpactReport.ThirdNextAvailableHorizonDays));
        var rows = await db.Appointments.AsNoTracking().WithDetails()
            .Where(a => a.SlotDate >= first && a.SlotDate <= last)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var firstAppointment = await db.Appointments.MinAsync(a => (LocalDate?)a.SlotDate, cancellationToken);

        var history = new ImpactHistory(
            config.Zone,
            HistoryStart(config.Rota, firstAppointment, today),
            config.Policy,
            ReleaseChangePreview.OrganisationChannels(config, []).Select(c => c.Channel).ToList(),
            SlotGenerator.Generate(config.Rota, new DateInterval(first, last)).Slots,
            rows.Select(AppointmentMapping.ToAppointment).ToList());
        return new ImpactReportSet(ImpactReport.Compare(changeDate, weeks, today, history), config, today);
    }

    /// <summary>The earliest date the practice has sessions or appointments for; today when it has neither.</summary>
    private static LocalDate HistoryStart(Rota rota, LocalDate? firstAppointment, LocalDate today) =>
        rota.Templates.Select(t => t.EffectiveFrom)
            .Concat(rota.OneOffs.Select(o => o.Date))
            .Concat(firstAppointment is { } date ? [date] : [])
            .DefaultIfEmpty(today)
            .Min();

    /// <summary>The day after a version's last date, when nothing replaced it (a replaced version's end is the replacement's start).</summary>
    private static LocalDate? Ending(LocalDate? effectiveTo, bool replaced) => effectiveTo is { } to && !replaced ? to.PlusDays(1) : null;

    private static string Scope(ReleaseScope scope, PracticeConfiguration config) => scope.Level switch
    {
        ReleaseLevel.Service => ServiceName(scope.ServiceId, config),
        ReleaseLevel.Session => Session(scope.Session!.Value, config),
        _ => $"the slot {scope.Slot}",
    };

    private static string Session(SessionSource session, PracticeConfiguration config)
    {
        if (session.Kind == SessionSourceKind.Template && config.Rota.Templates.FirstOrDefault(t => t.Id == session.Id) is { } template)
        {
            var who = config.PractitionerName(template.PractitionerId) ?? $"practitioner {template.PractitionerId}";
            return $"{who}'s {template.DayOfWeek} {template.Layout.Times.Start.ToString("HH:mm", British)} session";
        }

        return config.Rota.OneOffs.FirstOrDefault(o => o.Id == session.Id && session.Kind == SessionSourceKind.OneOff) is { } oneOff
            ? $"the one-off session on {oneOff.Date.ToString("d MMM yyyy", British)}"
            : $"session {session.Id}";
    }

    private static string ServiceName(int? serviceId, PracticeConfiguration config) =>
        serviceId is { } id ? config.Service(id)?.Service.Name ?? $"service {id}" : "every service";

    private static string Limit(QuotaSpec quota)
    {
        var per = quota.Per == QuotaPeriod.Day ? "a day" : "a session";
        var amount = quota.Limit switch
        {
            ShareLimit share => $"{share.Percent}% of slots",
            CountLimit count => $"{count.Value}",
            _ => quota.Limit.ToString(),
        };
        var day = quota.OnlyOn is { } weekday ? $" on {weekday}s" : "";
        return $"at most {amount} {per}{day}";
    }
}
