using Booking.Core.Appointments;

namespace Booking.Data.Auditing;

/// <summary>
/// Who is making a change, as every store method takes it: recorded on appointments (created/changed by) and in the
/// audit log. <see cref="Name"/> is what people read ("Sam Taylor", "NHS 111 (Y1A2B)"); <see cref="Id"/> is stable
/// (the staff user's id, the API client's id). Never a patient identifier.
/// </summary>
public sealed record ActingParty
{
    private ActingParty(AuditActorKind kind, string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Kind = kind;
        Id = id.Trim();
        Name = name.Trim();
    }

    public AuditActorKind Kind { get; }

    public string Id { get; }

    public string Name { get; }

    /// <summary>A signed-in member of staff.</summary>
    public static ActingParty Staff(string userId, string displayName) => new(AuditActorKind.Staff, userId, displayName);

    /// <summary>A registered external API client.</summary>
    public static ActingParty ApiClient(string clientId, string name) => new(AuditActorKind.ApiClient, clientId, name);

    /// <summary>The application itself, e.g. <c>demo-seed</c>.</summary>
    public static ActingParty System(string name) => new(AuditActorKind.System, name, name);

    /// <summary>The same party as Core records it on an appointment's history.</summary>
    public Actor ToActor() => new(Id, Name);
}
