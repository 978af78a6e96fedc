using System.Text.Json;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// <c>POST /fhir/auth/token</c>: SMART Backend Services client credentials with a signed JWT assertion.
/// Errors follow OAuth 2.0 (RFC 6749 §5.2: <c>{"error": ..., "error_description": ...}</c>) because OAuth
/// clients parse that shape; every other FHIR endpoint answers errors with an OperationOutcome.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/auth/token";
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static async Task<IResult> PostAsync(
        HttpContext context,
        IDbContextFactory<BookingDbContext> dbFactory,
        ConfigurationStore store,
        ClientAssertionValidator assertions,
        AccessTokens tokens,
        TokenRateLimits limits,
        IClock clock)
    {
        if (!await limits.TryAcquireForAddressAsync(context))
        {
            return TooManyRequests(context, "Too many token requests from this address");
        }

        if (!context.Request.HasFormContentType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Send application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A body that does not parse as the form it claims to be (bad multipart, invalid characters) is the client's error.
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "The form body could not be read: " + ex.Message);
        }

        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(StatusCodes.Status400BadRequest, "unsupported_grant_type", "grant_type must be client_credentials.");
        }

        if (form["client_assertion_type"] != AssertionType)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", $"client_assertion_type must be {AssertionType}.");
        }

        var assertion = form["client_assertion"].ToString();
        var clientId = UnverifiedIssuer(assertion);
        if (clientId is null)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "client_assertion must be a JWT whose iss is your client id.");
        }

        if (!await limits.TryAcquireForClientAsync(context, clientId))
        {
            return TooManyRequests(context, "Too many token requests for this client from this address");
        }

        var client = await store.GetApiClientAsync(clientId, context.RequestAborted);
        if (client is null || client.IsRevoked)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Unknown or revoked client.");
        }

        JsonWebKeySet keys;
        try
        {
            keys = new JsonWebKeySet(client.JwksJson);
        }
        catch (ArgumentException)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "The client's registered key set cannot be read; ask the practice to re-register it.");
        }

        // The audience a client must address is the configured public one: a request naming another Host gets nothing.
        var endpoint = SlotSearch.FhirBase(context.Request) + Path;
        if (await assertions.ProblemAsync(assertion, clientId, keys, endpoint) is { } problem)
        {
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", problem);
        }

        // A request for a subset of the registered scopes (system/Appointment.cru of system/Appointment.crus) is granted
        // exactly as asked; one scope the registration does not cover refuses the request (RFC 6749 §5.2, invalid_scope),
        // rather than quietly issuing less than was asked for.
        var registered = client.Scopes.Where(FhirScopes.IsWellFormed).ToArray();
        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        var granted = requested.Length == 0 ? registered.Order(StringComparer.Ordinal).ToArray() : requested;
        if (requested.Where(scope => !FhirScopes.Covers(registered, scope)).ToArray() is { Length: > 0 } refused)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_scope", $"Not registered for this client: {string.Join(' ', refused)}.");
        }

        if (granted.Length == 0)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_scope", "This client is registered with no scope.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
        db.AuditEntries.Add(AuditEntry.Record(
            clock.GetCurrentInstant(), AuditActorKind.ApiClient, client.ClientId, "api-client.token-issued", "ApiClient", client.ClientId,
            before: null, after: JsonSerializer.Serialize(new { scopes = granted })));
        await db.SaveChangesAsync(context.RequestAborted);

        return Results.Json(
            new TokenResponse(tokens.Issue(client.ClientId, granted), "bearer", (int)AccessTokens.Lifetime.TotalSeconds, string.Join(' ', granted)),
            statusCode: StatusCodes.Status200OK);
    }

    private static string? UnverifiedIssuer(string assertion)
    {
        // Read only to find which client's keys to verify with; nothing is trusted until the signature is.
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            return null;
        }

        try
        {
            var issuer = handler.ReadJsonWebToken(assertion).Issuer;
            return string.IsNullOrEmpty(issuer) ? null : issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // OAuth has no error code of its own for rate limits; temporarily_unavailable (RFC 6749 §4.1.2.1) says "try later".
    private static IResult TooManyRequests(HttpContext context, string what)
    {
        context.Response.Headers.RetryAfter = ((int)TokenRateLimits.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return OAuthError(StatusCodes.Status429TooManyRequests, "temporarily_unavailable", $"{what}; a token lasts five minutes, so reuse it. Try again in a minute.");
    }

    /// <summary>An OAuth 2.0 error body (RFC 6749 §5.2), the shape OAuth clients parse.</summary>
    public static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new OAuthErrorResponse(error, description), statusCode: status);

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    private sealed record OAuthErrorResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
}
