using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Release;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>A site with the date it was retired, if it was (retired sites stay for history).</summary>
public sealed record ConfiguredSite(Site Site, LocalDate? RetiredOn);

/// <summary>A practitioner with the date they were retired, if they were.</summary>
public sealed record ConfiguredPractitioner(Practitioner Practitioner, LocalDate? RetiredOn);

/// <summary>A service with the date it was retired, if it was; a retired service is never offered from that date.</summary>
public sealed record ConfiguredService(Service Service, LocalDate? RetiredOn);

/// <summary>One stored version of a release rule, as the manager edits it.</summary>
public sealed record ReleaseRuleVersion(int Id, ReleaseRuleSpec Spec, LocalDate EffectiveFrom, LocalDate? EffectiveTo, int? ReplacesId);

/// <summary>One stored version of a quota.</summary>
public sealed record QuotaVersion(int Id, QuotaSpec Spec, LocalDate EffectiveFrom, LocalDate? EffectiveTo, int? ReplacesId);

/// <summary>One stored version of the per-patient cap.</summary>
public sealed record PatientCapVersion(int Id, PatientCapSpec Spec, LocalDate EffectiveFrom, LocalDate? EffectiveTo, int? ReplacesId);

/// <summary>
/// Everything that decides a practice's slots and who may book them, read from the database at one
/// <see cref="Version"/>: the practice, sites, practitioners, services (retired ones included, for history), the
/// <see cref="Rota"/> and the <see cref="ReleasePolicy"/>. Immutable; shared by every request until the
/// configuration changes.
/// </summary>
public sealed class PracticeConfiguration
{
    private readonly Dictionary<int, ConfiguredPractitioner> _practitioners;
    private readonly Dictionary<int, ConfiguredSite> _sites;
    private readonly Dictionary<int, ConfiguredService> _services;

    internal PracticeConfiguration(
        long version,
        LocalDate loadedFor,
        Practice practice,
        IReadOnlyList<ConfiguredSite> sites,
        IReadOnlyList<ConfiguredPractitioner> practitioners,
        IReadOnlyList<ConfiguredService> services,
        Rota rota,
        ReleasePolicy policy,
        IReadOnlyList<ReleaseRuleVersion> ruleVersions,
        IReadOnlyList<QuotaVersion> quotaVersions,
        IReadOnlyList<PatientCapVersion> patientCapVersions)
    {
        Version = version;
        LoadedFor = loadedFor;
        Practice = practice;
        Sites = sites;
        Practitioners = practitioners;
        Services = services;
        Rota = rota;
        Policy = policy;
        RuleVersions = ruleVersions;
        QuotaVersions = quotaVersions;
        PatientCapVersions = patientCapVersions;
        _sites = sites.ToDictionary(s => s.Site.Id);
        _practitioners = practitioners.ToDictionary(p => p.Practitioner.Id);
        _services = services.ToDictionary(s => s.Service.Id);
    }

    /// <summary>The practice's configuration version this snapshot was read at.</summary>
    public long Version { get; }

    /// <summary>
    /// The practice-local date it was read on: which services count as retired and which patient cap applies
    /// depend on the date, so a snapshot is not reused on a later day.
    /// </summary>
    public LocalDate LoadedFor { get; }

    public Practice Practice { get; }

    /// <summary>The practice zone (<see cref="PracticeTime.ZoneId"/>).</summary>
    public DateTimeZone Zone => Practice.TimeZone;

    public IReadOnlyList<ConfiguredSite> Sites { get; }

    public IReadOnlyList<ConfiguredPractitioner> Practitioners { get; }

    public IReadOnlyList<ConfiguredService> Services { get; }

    /// <summary>Templates (ended ones too, bounded by their dates), one-offs, day edits, closures and leave in force.</summary>
    public Rota Rota { get; }

    /// <summary>Every rule and quota version, the patient cap in force on <see cref="LoadedFor"/>, unbookable and retired services.</summary>
    public ReleasePolicy Policy { get; }

    public IReadOnlyList<ReleaseRuleVersion> RuleVersions { get; }

    public IReadOnlyList<QuotaVersion> QuotaVersions { get; }

    public IReadOnlyList<PatientCapVersion> PatientCapVersions { get; }

    public ConfiguredSite? Site(int id) => _sites.GetValueOrDefault(id);

    public ConfiguredPractitioner? Practitioner(int id) => _practitioners.GetValueOrDefault(id);

    public ConfiguredService? Service(int id) => _services.GetValueOrDefault(id);

    /// <summary>A practitioner's display name, for "Dr Patel on leave"; null for an unknown id.</summary>
    public string? PractitionerName(int id) => Practitioner(id)?.Practitioner.Name;
}
