using Booking.Core.Organisations;

namespace Booking.Core.Release;

/// <summary>
/// Addresses a set of channels in a release rule or quota: reception, online, one organisation by ODS code,
/// every organisation of a type (<c>urgent-care</c>), every external organisation, or everyone.
/// <see cref="Name"/> is what people read in explanations ("111 quota for Monday used"), so give NHS 111's
/// selector the name "111".
/// </summary>
public sealed record ChannelSelector
{
    private enum Target
    {
        Everyone,
        Reception,
        Online,
        AnyOrganisation,
        Organisation,
        OrganisationType,
    }

    private readonly Target _target;
    private readonly OdsCode? _organisation;
    private readonly string? _organisationType;

    private ChannelSelector(Target target, string name, OdsCode? organisation = null, string? organisationType = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A channel selector needs a display name.", nameof(name));
        }

        _target = target;
        Name = name.Trim();
        _organisation = organisation;
        _organisationType = organisationType;
    }

    /// <summary>Display name used in explanations, e.g. <c>reception</c>, <c>online</c>, <c>111</c>.</summary>
    public string Name { get; }

    /// <summary>Every channel.</summary>
    public static ChannelSelector Everyone { get; } = new(Target.Everyone, "everyone");

    /// <summary>The reception desk.</summary>
    public static ChannelSelector Reception { get; } = new(Target.Reception, "reception");

    /// <summary>Patients online.</summary>
    public static ChannelSelector Online { get; } = new(Target.Online, "online");

    /// <summary>Every external organisation.</summary>
    public static ChannelSelector AnyOrganisation { get; } = new(Target.AnyOrganisation, "external organisations");

    /// <summary>One organisation, by ODS code (e.g. the local NHS 111 provider).</summary>
    public static ChannelSelector Organisation(OdsCode code, string? name = null) =>
        new(Target.Organisation, name ?? code.Value, organisation: code);

    /// <summary>Every organisation registered with this type (e.g. <c>urgent-care</c>, <c>hub</c>).</summary>
    public static ChannelSelector OrganisationType(string type, string? name = null)
    {
        var normalised = Channel.NormaliseType(type)
            ?? throw new ArgumentException("An organisation type is needed.", nameof(type));
        return new ChannelSelector(Target.OrganisationType, name ?? normalised, organisationType: normalised);
    }

    /// <summary>Whether a booking or caller on <paramref name="channel"/> belongs to this selector.</summary>
    public bool Matches(Channel channel) => _target switch
    {
        Target.Everyone => true,
        Target.Reception => channel.Kind == ChannelKind.Reception,
        Target.Online => channel.Kind == ChannelKind.Online,
        Target.AnyOrganisation => channel.Kind == ChannelKind.Organisation,
        Target.Organisation => channel.Kind == ChannelKind.Organisation && channel.Organisation == _organisation,
        Target.OrganisationType => channel.Kind == ChannelKind.Organisation && channel.OrganisationType == _organisationType,
        _ => false,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
