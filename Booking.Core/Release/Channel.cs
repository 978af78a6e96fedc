using Booking.Core.Organisations;

namespace Booking.Core.Release;

/// <summary>The three ways a booking reaches the practice.</summary>
public enum ChannelKind
{
    /// <summary>Practice staff at the desk or on the phone.</summary>
    Reception,

    /// <summary>Patients booking for themselves (NHS App, practice website).</summary>
    Online,

    /// <summary>Another organisation booking on the patient's behalf: NHS 111, a hub, an urgent-care service.</summary>
    Organisation,
}

/// <summary>
/// Who is booking, as recorded on an appointment and matched by release rules and quotas.
/// Invariant: an <see cref="ChannelKind.Organisation"/> channel always has an ODS code; the other kinds never
/// carry one. The organisation type (e.g. <c>urgent-care</c>, <c>hub</c>) is a free label registered with the
/// consumer, lower-case, and lets a rule address every organisation of that type at once.
/// </summary>
public sealed record Channel
{
    private Channel(ChannelKind kind, OdsCode? organisation, string? organisationType)
    {
        Kind = kind;
        Organisation = organisation;
        OrganisationType = organisationType;
    }

    /// <summary>The reception desk.</summary>
    public static Channel Reception { get; } = new(ChannelKind.Reception, null, null);

    /// <summary>Patients online.</summary>
    public static Channel Online { get; } = new(ChannelKind.Online, null, null);

    /// <summary>What kind of channel this is.</summary>
    public ChannelKind Kind { get; }

    /// <summary>The booking organisation's ODS code; set exactly when <see cref="Kind"/> is Organisation.</summary>
    public OdsCode? Organisation { get; }

    /// <summary>The organisation's type label, e.g. <c>urgent-care</c> for NHS 111; null when unknown or not an organisation.</summary>
    public string? OrganisationType { get; }

    /// <summary>An external organisation identified by its ODS code and, optionally, its type.</summary>
    public static Channel ForOrganisation(OdsCode organisation, string? organisationType = null) =>
        new(ChannelKind.Organisation, organisation, NormaliseType(organisationType));

    /// <summary>Organisation types compare case-insensitively; blank means none.</summary>
    internal static string? NormaliseType(string? organisationType) =>
        string.IsNullOrWhiteSpace(organisationType) ? null : organisationType.Trim().ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ChannelKind.Organisation when OrganisationType is null => $"organisation {Organisation}",
        ChannelKind.Organisation => $"organisation {Organisation} ({OrganisationType})",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Someone asking for slots or booking one: their channel and, when known, the patient it is for
/// (online callers always know the patient; NHS 111 may search before it does). The patient is needed
/// for the per-patient cap, which is therefore only checked when it is present.
/// </summary>
/// <param name="Channel">The caller's channel.</param>
/// <param name="Patient">The patient being booked for, when known.</param>
public sealed record Caller(Channel Channel, Appointments.NhsNumber? Patient = null);
