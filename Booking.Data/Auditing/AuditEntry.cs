using NodaTime;

namespace Booking.Data.Auditing;

/// <summary>Who made a change: a signed-in member of staff, an external API client, or the system itself.</summary>
public enum AuditActorKind
{
    /// <summary>A staff user of the web app.</summary>
    Staff,

    /// <summary>A registered external FHIR client.</summary>
    ApiClient,

    /// <summary>The application itself (seeding, start-up, scheduled hand-back).</summary>
    System,
}

/// <summary>
/// One append-only record of a configuration change or booking action: who, when, what, before and after.
/// Rows are only ever inserted; <see cref="BookingDbContext"/> refuses updates and deletes of them.
/// </summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 256;
    public const int ActionMaxLength = 64;
    public const int SubjectTypeMaxLength = 64;
    public const int SubjectIdMaxLength = 64;

    public long Id { get; private set; }

    /// <summary>When the change was committed (from the injected clock).</summary>
    public Instant At { get; private set; }

    public AuditActorKind ActorKind { get; private set; }

    /// <summary>User name or client id; never a patient identifier.</summary>
    public string Actor { get; private set; } = "";

    /// <summary>What was done, e.g. <c>service.created</c> or <c>appointment.cancelled</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>The kind of thing changed, e.g. <c>Service</c>.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    /// <summary>JSON of the subject before the change; null when it was created.</summary>
    public string? Before { get; private set; }

    /// <summary>JSON of the subject after the change; null when it was deleted.</summary>
    public string? After { get; private set; }

    private AuditEntry()
    {
    }

    /// <summary>Records a change. Limits are enforced here so a too-long value fails before the database does.</summary>
    public static AuditEntry Record(
        Instant at, AuditActorKind actorKind, string actor, string action, string subjectType, string subjectId,
        string? before, string? after)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectType);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        return new AuditEntry
        {
            At = at,
            ActorKind = actorKind,
            Actor = Truncate(actor, ActorMaxLength),
            Action = Truncate(action, ActionMaxLength),
            SubjectType = Truncate(subjectType, SubjectTypeMaxLength),
            SubjectId = Truncate(subjectId, SubjectIdMaxLength),
            Before = before,
            After = after,
        };
    }

    private static string Truncate(string value, int maxLength) =>
        value.Length <= maxLength ? value : value[..maxLength];
}
