namespace Booking.Web.Fhir.Security;

/// <summary><c>GET /fhir/.well-known/smart-configuration</c>: where and how to get a token (SMART App Launch 2.0).</summary>
internal static class SmartConfigurationEndpoint
{
    public const string Path = "/.well-known/smart-configuration";

    public static IResult Get(HttpContext context, EndpointDataSource endpoints)
    {
        var fhirBase = SlotSearch.FhirBase(context.Request);
        return Results.Json(new Dictionary<string, object>
        {
            ["token_endpoint"] = fhirBase + TokenEndpoint.Path,
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
            ["scopes_supported"] = FhirScopes.Advertised(endpoints),
            ["capabilities"] = new[] { "client-confidential-asymmetric" },
        });
    }
}
