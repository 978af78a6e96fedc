namespace Booking.Web.Fhir.Security;

/// <summary>
/// SMART system scopes (v2 <c>system/Slot.rs</c>, with the v1 spellings <c>.read</c>/<c>.write</c>/<c>.*</c>
/// accepted) and what each permits.
/// </summary>
internal static class FhirScopes
{
    /// <summary>The claim carrying granted scopes in our access tokens (space-separated, as OAuth writes them).</summary>
    public const string Claim = "scope";

    /// <summary>The scopes a client may be granted, as the SMART configuration advertises them.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["system/Slot.rs", "system/Schedule.rs", "system/Appointment.cru", "system/Appointment.rs", "system/*.rs"];

    /// <summary>True when <paramref name="granted"/> allows <paramref name="permission"/> (r, s, c, u or d) on the resource type.</summary>
    public static bool Allows(IEnumerable<string> granted, string resourceType, char permission) =>
        granted.Any(scope => Allows(scope, resourceType, permission));

    /// <summary>
    /// True when <paramref name="requested"/> asks for nothing beyond one of the <paramref name="registered"/> scopes: the
    /// same resource type (or a registered <c>*</c>) and a subset of its permissions, in either SMART spelling.
    /// </summary>
    public static bool Covers(IEnumerable<string> registered, string requested) =>
        TryParse(requested, out var type, out var permissions)
        && registered.Any(scope => TryParse(scope, out var registeredType, out var registeredPermissions)
            && (registeredType == "*" || registeredType == type)
            && permissions.All(permission => registeredPermissions.Contains(permission, StringComparison.Ordinal)));

    /// <summary>True when the text is a system scope this server understands.</summary>
    public static bool IsWellFormed(string scope) => TryParse(scope, out _, out _);

    private static bool Allows(string scope, string resourceType, char permission) =>
        TryParse(scope, out var type, out var permissions)
        && (type == "*" || type == resourceType)
        && permissions.Contains(permission, StringComparison.Ordinal);

    private static bool TryParse(string scope, out string resourceType, out string permissions)
    {
        resourceType = "";
        permissions = "";
        if (!scope.StartsWith("system/", StringComparison.Ordinal))
        {
            return false;
        }

        var body = scope["system/".Length..];
        var dot = body.LastIndexOf('.');
        if (dot <= 0 || dot == body.Length - 1)
        {
            return false;
        }

        resourceType = body[..dot];
        permissions = body[(dot + 1)..] switch
        {
            "read" => "rs",
            "write" => "cud",
            "*" => "cruds",
            var v2 when v2.All(c => "cruds".Contains(c, StringComparison.Ordinal)) => v2,
            _ => "",
        };
        return permissions.Length > 0;
    }
}
