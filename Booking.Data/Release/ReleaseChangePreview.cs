using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.WhatIf;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Data.Release;

/// <summary>
/// One release change a manager is considering, in the terms <see cref="ConfigurationStore"/> saves it: a Core
/// <see cref="VersionEdit"/> of the rules or the quotas, and what a new version says. The preview applies the edit to the
/// stored versions without saving anything; the store applies the same edit to its rows when it is saved.
/// </summary>
public abstract record ReleaseChange
{
    private protected ReleaseChange()
    {
    }

    /// <summary>The service whose slots the change governs; null when it reaches every service (or a single slot).</summary>
    internal abstract IEnumerable<int?> ServicesTouched(PracticeConfiguration config);

    /// <summary>The edit of the versions' dates, as Core defines it.</summary>
    public abstract VersionEdit Edit { get; }

    /// <summary>True when the change edits quotas; false for release rules.</summary>
    private protected abstract bool EditsQuotas { get; }

    /// <summary>
    /// Makes the change to <paramref name="rules"/> and <paramref name="quotas"/> (the stored ones, as Core's types) as the
    /// store would on <paramref name="today"/>; <paramref name="newId"/> numbers the version it adds. Null when done,
    /// otherwise why the change cannot be made.
    /// </summary>
    internal string? Apply(PracticeConfiguration config, List<ReleaseRule> rules, List<Quota> quotas, int newId, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(config);
        var versions = EditsQuotas
            ? config.QuotaVersions.Select(v => new DatedVersion(v.Id, new EffectivePeriod(v.EffectiveFrom, v.EffectiveTo), v.ReplacesId))
            : config.RuleVersions.Select(v => new DatedVersion(v.Id, new EffectivePeriod(v.EffectiveFrom, v.EffectiveTo), v.ReplacesId));
        var applied = Edit.Apply(versions, newId, today);
        if (applied.Refusal is { } refusal)
        {
            return refusal;
        }

        var periods = applied.Versions.ToDictionary(v => v.Id, v => v.Period);
        if (EditsQuotas)
        {
            for (var at = 0; at < quotas.Count; at++)
            {
                quotas[at] = periods.TryGetValue(quotas[at].Id, out var period) ? quotas[at] with { Period = period } : quotas[at];
            }

            if (applied.Added is { } added)
            {
                quotas.Add(NewQuota(added.Id, added.Period));
            }
        }
        else
        {
            for (var at = 0; at < rules.Count; at++)
            {
                rules[at] = periods.TryGetValue(rules[at].Id, out var period) ? rules[at] with { Period = period } : rules[at];
            }

            if (applied.Added is { } added)
            {
                rules.Add(NewRule(added.Id, added.Period));
            }
        }

        return null;
    }

    /// <summary>The rule version this change adds, for changes that add one.</summary>
    private protected virtual ReleaseRule NewRule(int id, EffectivePeriod period) => throw new InvalidOperationException("This change adds no rule.");

    /// <summary>The quota version this change adds, for changes that add one.</summary>
    private protected virtual Quota NewQuota(int id, EffectivePeriod period) => throw new InvalidOperationException("This change adds no quota.");

    /// <summary>The channels the change names, so the preview shows them even when no stored setting does yet.</summary>
    internal abstract IEnumerable<ChannelSelectorSpec> Channels();

    /// <summary>Saves the change through the store (audited, versioned); the outcome says what the store answered.</summary>
    public abstract Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default);

    private protected static IEnumerable<int?> ServicesOf(ReleaseScope scope, PracticeConfiguration config) => scope.Level switch
    {
        ReleaseLevel.Service => [scope.ServiceId],
        ReleaseLevel.Session => SessionServices(scope.Session!.Value, config),
        _ => [null],
    };

    private protected static ReleaseRule ToRule(int id, ReleaseRuleSpec spec, EffectivePeriod period) => new(
        id,
        spec.Scope,
        period,
        spec.Channels.Select(c => new ChannelRelease(c.Channel.ToSelector(), c.Overrides)).ToList(),
        spec.Defaults,
        spec.HandBack is { } handBack ? new HandBack(handBack.BeforeStart, handBack.To.ToSelector()) : null);

    private protected static Quota ToQuota(int id, QuotaSpec spec, EffectivePeriod period) =>
        new(id, spec.Channel.ToSelector(), spec.Per, spec.Limit) { ServiceId = spec.ServiceId, OnlyOn = spec.OnlyOn, Period = period };

    private protected static IEnumerable<ChannelSelectorSpec> ChannelsOf(ReleaseRuleSpec spec) =>
        spec.Channels.Select(c => c.Channel).Concat(spec.HandBack is { } handBack ? [handBack.To] : []);

    private static IEnumerable<int?> SessionServices(SessionSource session, PracticeConfiguration config)
    {
        var layout = session.Kind == SessionSourceKind.Template
            ? config.Rota.Templates.FirstOrDefault(t => t.Id == session.Id)?.Layout
            : config.Rota.OneOffs.FirstOrDefault(o => o.Id == session.Id)?.Layout;
        return layout is null ? [null] : layout.Segments.OfType<SlotRun>().Select(run => (int?)run.ServiceId).Distinct();
    }

    private protected static ReleaseSaveOutcome Outcome<T>(ConfigurationResult<T> result) => new(result.Succeeded, result.Message);
}

/// <summary>A new release rule from <paramref name="EffectiveFrom"/>.</summary>
public sealed record AddReleaseRule(ReleaseRuleSpec Spec, LocalDate EffectiveFrom) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => ServicesOf(Spec.Scope, config);

    /// <inheritdoc />
    public override VersionEdit Edit => new AddVersion(EffectiveFrom);

    private protected override bool EditsQuotas => false;

    private protected override ReleaseRule NewRule(int id, EffectivePeriod period) => ToRule(id, Spec, period);

    internal override IEnumerable<ChannelSelectorSpec> Channels() => ChannelsOf(Spec);

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.AddReleaseRuleAsync(Spec, EffectiveFrom, by, cancellationToken));
}

/// <summary>A new version of rule <paramref name="VersionId"/> from <paramref name="EffectiveFrom"/>; the old one ends the day before.</summary>
public sealed record ChangeReleaseRule(int VersionId, ReleaseScope OldScope, ReleaseRuleSpec Spec, LocalDate EffectiveFrom) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => ServicesOf(OldScope, config).Concat(ServicesOf(Spec.Scope, config));

    /// <inheritdoc />
    public override VersionEdit Edit => new ReplaceVersion(VersionId, EffectiveFrom);

    private protected override bool EditsQuotas => false;

    private protected override ReleaseRule NewRule(int id, EffectivePeriod period) => ToRule(id, Spec, period);

    internal override IEnumerable<ChannelSelectorSpec> Channels() => ChannelsOf(Spec);

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.ChangeReleaseRuleAsync(VersionId, Spec, EffectiveFrom, by, cancellationToken));
}

/// <summary>Rule version <paramref name="VersionId"/> stops governing slots after <paramref name="LastDate"/>.</summary>
public sealed record EndReleaseRule(int VersionId, ReleaseScope Scope, LocalDate LastDate) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => ServicesOf(Scope, config);

    /// <inheritdoc />
    public override VersionEdit Edit => new EndVersion(VersionId, LastDate);

    private protected override bool EditsQuotas => false;

    internal override IEnumerable<ChannelSelectorSpec> Channels() => [];

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.EndReleaseRuleAsync(VersionId, LastDate, by, cancellationToken));
}

/// <summary>A new quota from <paramref name="EffectiveFrom"/>.</summary>
public sealed record AddQuota(QuotaSpec Spec, LocalDate EffectiveFrom) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => [Spec.ServiceId];

    /// <inheritdoc />
    public override VersionEdit Edit => new AddVersion(EffectiveFrom);

    private protected override bool EditsQuotas => true;

    private protected override Quota NewQuota(int id, EffectivePeriod period) => ToQuota(id, Spec, period);

    internal override IEnumerable<ChannelSelectorSpec> Channels() => [Spec.Channel];

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.AddQuotaAsync(Spec, EffectiveFrom, by, cancellationToken));
}

/// <summary>A new version of quota <paramref name="VersionId"/> from <paramref name="EffectiveFrom"/>.</summary>
public sealed record ChangeQuota(int VersionId, int? OldServiceId, QuotaSpec Spec, LocalDate EffectiveFrom) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => [OldServiceId, Spec.ServiceId];

    /// <inheritdoc />
    public override VersionEdit Edit => new ReplaceVersion(VersionId, EffectiveFrom);

    private protected override bool EditsQuotas => true;

    private protected override Quota NewQuota(int id, EffectivePeriod period) => ToQuota(id, Spec, period);

    internal override IEnumerable<ChannelSelectorSpec> Channels() => [Spec.Channel];

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.ChangeQuotaAsync(VersionId, Spec, EffectiveFrom, by, cancellationToken));
}

/// <summary>Quota version <paramref name="VersionId"/> stops applying after <paramref name="LastDate"/>.</summary>
public sealed record EndQuota(int VersionId, int? ServiceId, LocalDate LastDate) : ReleaseChange
{
    internal override IEnumerable<int?> ServicesTouched(PracticeConfiguration config) => [ServiceId];

    /// <inheritdoc />
    public override VersionEdit Edit => new EndVersion(VersionId, LastDate);

    private protected override bool EditsQuotas => true;

    internal override IEnumerable<ChannelSelectorSpec> Channels() => [];

    public override async Task<ReleaseSaveOutcome> SaveAsync(ConfigurationStore store, ActingParty by, CancellationToken cancellationToken = default) =>
        Outcome(await store.EndQuotaAsync(VersionId, LastDate, by, cancellationToken));
}

/// <summary>What the store said to a saved change: done, or the sentence saying why not.</summary>
public sealed record ReleaseSaveOutcome(bool Succeeded, string Message);

/// <summary>
/// The preview of a release change: the capacity per channel per day of the services it touches, now and as
/// proposed, and the booked appointments it affects; or why the change cannot be previewed.
/// </summary>
/// <param name="Result">The comparison; null when <paramref name="Problem"/> says why there is none.</param>
/// <param name="Services">The services counted (names), empty when the change reaches every service.</param>
/// <param name="Problem">Why the change is not valid as it stands.</param>
/// <param name="OverQuota">Days (or sessions) where a new or changed quota is already exceeded by booked appointments.</param>
public sealed record ReleasePreview(WhatIfResult? Result, IReadOnlyList<string> Services, string? Problem, IReadOnlyList<QuotaOverrun> OverQuota);

/// <summary>
/// A bucket of a new or changed quota that already holds more bookings than the quota allows: the bookings stand and
/// the channel is refused until some are cancelled.
/// </summary>
/// <param name="Date">The slot date.</param>
/// <param name="Session">The session occurrence for a per-session quota; null for per-day.</param>
/// <param name="Channel">The quota's channel name.</param>
/// <param name="Booked">Active bookings counted against it.</param>
/// <param name="Limit">The most the quota allows.</param>
public sealed record QuotaOverrun(LocalDate Date, SessionKey? Session, string Channel, int Booked, int Limit);

/// <summary>
/// Loads what the what-if preview of a release change needs: the stored configuration and the appointments in the
/// range. The rota does not change, so counts differ only by who the rules release slots to and what the quotas
/// allow. Only the services the change touches are counted, so a change to one service is not lost among the
/// practice's other slots. Nothing is saved.
/// </summary>
public sealed class ReleaseChangePreview(BookingQueries queries)
{
    /// <summary>The most days one preview covers.</summary>
    public const int MaxDays = 28;

    // A representative caller for a selector that names an organisation type but no organisation.
    private static readonly OdsCode ExampleOrganisation = OdsCode.Parse("EXAMPLE1");

    public async Task<ReleasePreview> PreviewAsync(ReleaseChange change, DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dates.Length, MaxDays, nameof(dates));
        var config = await queries.GetConfigurationAsync(cancellationToken)
            ?? throw new InvalidOperationException("No practice is configured in this database.");

        var rules = config.Policy.Rules.ToList();
        var quotas = config.Policy.Quotas.ToList();
        var newId = Math.Max(rules.Select(r => r.Id).DefaultIfEmpty().Max(), quotas.Select(q => q.Id).DefaultIfEmpty().Max()) + 1;
        if (change.Apply(config, rules, quotas, newId, config.LoadedFor) is { } problem)
        {
            return new ReleasePreview(null, [], problem, []);
        }

        var touched = change.ServicesTouched(config).ToList();
        IReadOnlySet<int>? focus = touched.Any(s => s is null) ? null : touched.Select(s => s!.Value).ToHashSet();
        var current = new ReleaseScenario(config.Rota, Focused(config, config.Policy.Rules, config.Policy.Quotas, focus));
        var proposed = new ReleaseScenario(config.Rota, Focused(config, rules, quotas, focus));

        var appointments = (await queries.GetAppointmentsAsync(dates, cancellationToken)).Select(a => a.Appointment).ToList();
        var result = WhatIfPreview.Preview(current, proposed, dates, PreviewChannels(config, change), appointments, config.PractitionerName);
        var names = focus is null ? [] : focus.Select(id => config.Service(id)?.Service.Name ?? $"service {id}").Order().ToList();
        var newQuota = quotas.FirstOrDefault(q => q.Id == newId);
        var overQuota = newQuota is null ? [] : Overruns(newQuota, proposed, dates, appointments);
        return new ReleasePreview(result, names, null, overQuota);
    }

    /// <summary>The buckets of <paramref name="quota"/> in <paramref name="dates"/> whose stored bookings exceed it.</summary>
    private static List<QuotaOverrun> Overruns(Quota quota, ReleaseScenario proposed, DateInterval dates, IEnumerable<Core.Appointments.Appointment> appointments)
    {
        var ledger = QuotaLedger.FromAppointments(appointments);
        var overruns = new List<QuotaOverrun>();
        var generation = SlotGenerator.Generate(proposed.Rota, dates);
        foreach (var date in dates)
        {
            var governed = generation.SlotsOn(date).Where(s => quota.Governs(s) && proposed.Policy.IsBookable(s.ServiceId));
            foreach (var bucket in governed.GroupBy(quota.BucketOf))
            {
                var limit = quota.Limit.CapFor(bucket.Count());
                var booked = ledger.UsedIn(quota, bucket.Key);
                if (booked > limit)
                {
                    overruns.Add(new QuotaOverrun(date, bucket.Key.Session, quota.Channel.Name, booked, limit));
                }
            }
        }

        return overruns;
    }

    /// <summary>Reception, online, then every organisation channel the stored settings or the change name, in that order.</summary>
    internal static IReadOnlyList<PreviewChannel> PreviewChannels(PracticeConfiguration config, ReleaseChange change) =>
        [new("Reception", Channel.Reception), new("Online", Channel.Online), .. OrganisationChannels(config, change.Channels())];

    /// <summary>
    /// A representative caller for every organisation channel the stored rule and quota versions (and <paramref name="extra"/>)
    /// name, once each, in the order first named: an organisation type or "any organisation" is stood for by an example code.
    /// </summary>
    internal static IReadOnlyList<PreviewChannel> OrganisationChannels(PracticeConfiguration config, IEnumerable<ChannelSelectorSpec> extra)
    {
        var named = config.RuleVersions.SelectMany(v => v.Spec.Channels.Select(c => c.Channel).Concat(v.Spec.HandBack is { } h ? [h.To] : []))
            .Concat(config.QuotaVersions.Select(v => v.Spec.Channel))
            .Concat(extra);
        var channels = new List<PreviewChannel>();
        foreach (var spec in named.DistinctBy(s => (s.Kind, s.OdsCode, s.OrganisationType)))
        {
            var channel = spec.Kind switch
            {
                ChannelSelectorKind.Organisation => Channel.ForOrganisation(OdsCode.Parse(spec.OdsCode!)),
                ChannelSelectorKind.OrganisationType => Channel.ForOrganisation(ExampleOrganisation, spec.OrganisationType),
                ChannelSelectorKind.AnyOrganisation => Channel.ForOrganisation(ExampleOrganisation),
                _ => null,
            };
            if (channel is not null && channels.All(c => c.Channel != channel))
            {
                channels.Add(new PreviewChannel(spec.ToSelector().Name, channel));
            }
        }

        return channels;
    }

    // Services outside the focus are treated as unbookable in both scenarios, so neither counts them.
    private static ReleasePolicy Focused(PracticeConfiguration config, IEnumerable<ReleaseRule> rules, IEnumerable<Quota> quotas, IReadOnlySet<int>? focus) =>
        new(
            config.Zone,
            rules,
            quotas,
            config.Policy.PatientCap,
            config.Services.Select(s => s.Service.Id).Where(id => !config.Policy.IsBookable(id) || (focus is not null && !focus.Contains(id))));
}
