using Booking.Core.Organisations;
using Booking.Core.Release;

namespace Booking.Data.Release;

/// <summary>Which channels a stored selector addresses (see <see cref="ChannelSelector"/>).</summary>
public enum ChannelSelectorKind
{
    Everyone,
    Reception,
    Online,
    AnyOrganisation,
    Organisation,
    OrganisationType,
}

/// <summary>
/// A <see cref="ChannelSelector"/> in a form that can be stored and edited: Core's selector exposes only its
/// behaviour, so configuration is written as this and turned into the selector with <see cref="ToSelector"/>.
/// Build it with the factories, which mirror Core's.
/// </summary>
public sealed record ChannelSelectorSpec
{
    private ChannelSelectorSpec(ChannelSelectorKind kind, string? odsCode, string? organisationType, string? name)
    {
        Kind = kind;
        OdsCode = odsCode;
        OrganisationType = organisationType;
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    public static ChannelSelectorSpec Everyone { get; } = new(ChannelSelectorKind.Everyone, null, null, null);

    public static ChannelSelectorSpec Reception { get; } = new(ChannelSelectorKind.Reception, null, null, null);

    public static ChannelSelectorSpec Online { get; } = new(ChannelSelectorKind.Online, null, null, null);

    public static ChannelSelectorSpec AnyOrganisation { get; } = new(ChannelSelectorKind.AnyOrganisation, null, null, null);

    public ChannelSelectorKind Kind { get; }

    /// <summary>The organisation's ODS code, for <see cref="ChannelSelectorKind.Organisation"/> only.</summary>
    public string? OdsCode { get; }

    /// <summary>The organisation type, for <see cref="ChannelSelectorKind.OrganisationType"/> only.</summary>
    public string? OrganisationType { get; }

    /// <summary>Display name used in explanations ("111"); null for the default name.</summary>
    public string? Name { get; }

    public static ChannelSelectorSpec Organisation(OdsCode code, string? name = null) =>
        new(ChannelSelectorKind.Organisation, code.Value, null, name);

    public static ChannelSelectorSpec ForOrganisationType(string type, string? name = null)
    {
        // Validated (and normalised) by building Core's selector once.
        var normalised = ChannelSelector.OrganisationType(type).Name;
        return new ChannelSelectorSpec(ChannelSelectorKind.OrganisationType, null, normalised, name);
    }

    /// <summary>Rebuilds a stored selector; throws when the stored parts contradict each other.</summary>
    internal static ChannelSelectorSpec Restore(ChannelSelectorKind kind, string? odsCode, string? organisationType, string? name) => kind switch
    {
        ChannelSelectorKind.Organisation => Organisation(Core.Organisations.OdsCode.Parse(odsCode ?? ""), name),
        ChannelSelectorKind.OrganisationType => ForOrganisationType(organisationType ?? "", name),
        _ => new ChannelSelectorSpec(kind, null, null, name),
    };

    public ChannelSelector ToSelector() => Kind switch
    {
        ChannelSelectorKind.Everyone => ChannelSelector.Everyone,
        ChannelSelectorKind.Reception => ChannelSelector.Reception,
        ChannelSelectorKind.Online => ChannelSelector.Online,
        ChannelSelectorKind.AnyOrganisation => ChannelSelector.AnyOrganisation,
        ChannelSelectorKind.Organisation => ChannelSelector.Organisation(Core.Organisations.OdsCode.Parse(OdsCode!), Name),
        ChannelSelectorKind.OrganisationType => ChannelSelector.OrganisationType(OrganisationType!, Name),
        _ => throw new InvalidOperationException($"Unknown channel selector kind {Kind}."),
    };
}

/// <summary>A channel a rule releases slots to, with optional terms overriding the rule's defaults.</summary>
public sealed record ChannelReleaseSpec(ChannelSelectorSpec Channel, ReleaseTerms? Overrides = null);

/// <summary>Timed return of unbooked reserved slots: <paramref name="BeforeStart"/> before the start, to <paramref name="To"/>.</summary>
public sealed record HandBackSpec(NodaTime.Duration BeforeStart, ChannelSelectorSpec To);

/// <summary>What a release rule version says (its dates are given when it is stored).</summary>
public sealed record ReleaseRuleSpec(
    ReleaseScope Scope,
    IReadOnlyList<ChannelReleaseSpec> Channels,
    ReleaseTerms Defaults,
    HandBackSpec? HandBack = null);

/// <summary>What a quota version says (its dates are given when it is stored).</summary>
public sealed record QuotaSpec(
    ChannelSelectorSpec Channel,
    QuotaPeriod Per,
    QuotaLimit Limit,
    int? ServiceId = null,
    NodaTime.IsoDayOfWeek? OnlyOn = null);

/// <summary>What a per-patient cap version says.</summary>
public sealed record PatientCapSpec(int MaxFutureBookings, ChannelSelectorSpec AppliesTo);
