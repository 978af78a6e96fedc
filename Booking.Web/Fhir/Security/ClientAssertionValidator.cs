using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Checks a SMART Backend Services client assertion: a JWT the client signed with RS384 or ES384 using a
/// key from its registered JWKS, issued by and about itself, addressed to our token endpoint, expiring
/// within five minutes, with a <c>jti</c> never seen before.
/// </summary>
internal sealed class ClientAssertionValidator(IClock clock, AssertionReplayCache replayCache)
{
    public static readonly Duration MaxAssertionLifetime = Duration.FromMinutes(5);
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384];

    /// <summary>Null when the assertion is good; otherwise why not, for the OAuth error description.</summary>
    public async Task<string?> ProblemAsync(string assertion, string clientId, JsonWebKeySet keys, string tokenEndpoint)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            return "client_assertion is not a JWT.";
        }

        var now = clock.GetCurrentInstant();
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudience = tokenEndpoint,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = AllowedAlgorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            LifetimeValidator = (_, expires, _, _) => expires is { } end && now.ToDateTimeUtc() < end,
        });
        if (!result.IsValid)
        {
            return "client_assertion was refused: " + Describe(result.Exception);
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (token.Subject != clientId)
        {
            return "client_assertion sub must equal the client id.";
        }

        var expires = Instant.FromDateTimeUtc(token.ValidTo);
        if (expires - now > MaxAssertionLifetime)
        {
            return "client_assertion must expire within 5 minutes.";
        }

        if (string.IsNullOrEmpty(token.Id))
        {
            return "client_assertion needs a jti.";
        }

        if (token.Id.Length > Booking.Data.Clients.UsedClientAssertionRow.JtiMaxLength)
        {
            return $"client_assertion jti must be at most {Booking.Data.Clients.UsedClientAssertionRow.JtiMaxLength} characters.";
        }

        return await replayCache.TryUseAsync(clientId, token.Id, expires) ? null : "client_assertion jti was already used.";
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "aud must be this server's token endpoint.",
        SecurityTokenInvalidIssuerException => "iss must be the client id.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature does not match a registered key.",
        SecurityTokenInvalidAlgorithmException => "sign with RS384 or ES384.",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNoExpirationException => "it has expired or has no exp.",
        _ => "it is not a valid signed JWT.",
    };
}
