namespace Booking.Web.Fhir.Security;

/// <summary>
/// <c>/fhir/auth/authorize</c>: SMART's oauth-uris extension requires an authorize URI beside the token URI, but this
/// server supports SMART Backend Services only (client credentials), so the endpoint refuses every authorization request
/// as OAuth says (RFC 6749 §4.1.2.1: <c>unsupported_response_type</c>, answered directly because no client of ours has a
/// redirect URI to send it to).
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string Path = "/auth/authorize";

    public static IResult Refuse() =>
        TokenEndpoint.OAuthError(
            StatusCodes.Status400BadRequest, "unsupported_response_type",
            "This server issues tokens to backend services only: POST a client_credentials grant to the token endpoint.");
}
