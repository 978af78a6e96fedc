using Microsoft.AspNetCore.Authorization;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// SMART system scopes (v2 <c>system/Slot.rs</c>, with the v1 spellings <c>.read</c>/<c>.write</c>/<c>.*</c>
/// accepted) and what each permits.
/// </summary>
internal static class FhirScopes
{
    /// <summary>The claim carrying granted scopes in our access tokens (space-separated, as OAuth writes them).</summary>
    public const string Claim = "scope";

    /// <summary>Every permission in the order SMART v2 writes them (<c>system/Appointment.crus</c>).</summary>
    private const string PermissionOrder = "cruds";

    /// <summary>The read-everything scope: every type's reads and searches, whatever types are added later.</summary>
    public const string ReadEverything = "system/*.rs";

    /// <summary>
    /// The choices the staff form offers when registering a client: the usual grants, in plain words
    /// (ApiClientLabels). Not what the server advertises; that is <see cref="Advertised"/>, read off the endpoints.
    /// </summary>
    public static IReadOnlyList<string> Presets { get; } =
        ["system/Slot.rs", "system/Schedule.rs", "system/Appointment.cru", "system/Appointment.rs", ReadEverything, "system/Patient.rs"];

    /// <summary>
    /// The scopes the SMART configuration advertises, derived from the scope requirements of the mapped endpoints (the one
    /// place a scope is enforced, <see cref="FhirSecurity.Requires"/>): one scope per resource type with every permission
    /// some endpoint checks (a client may ask for any subset), then <see cref="ReadEverything"/>. So a new endpoint is
    /// advertised by being mapped, and nothing is advertised that no endpoint checks.
    /// </summary>
    public static IReadOnlyList<string> Advertised(EndpointDataSource endpoints) =>
        endpoints.Endpoints
            .SelectMany(endpoint => endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            .SelectMany(policy => policy.Requirements.OfType<FhirScopeRequirement>())
            .GroupBy(requirement => requirement.ResourceType, StringComparer.Ordinal)
            .OrderBy(type => type.Key, StringComparer.Ordinal)
            .Select(type => $"system/{type.Key}." + string.Concat(PermissionOrder.Where(p => type.Any(r => r.Permission == p))))
            .Append(ReadEverything)
            .ToList();

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
