using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Our access tokens' handler, keeping each token it has validated. A client sends the same token for up to five minutes,
/// and checking it again on every request (an RSA signature, and the claims parsed and tried as dates) was a tenth of a
/// slot search's CPU (docs/performance.md). A kept token is the exact string whose signature, issuer and audience
/// were checked, so only its lifetime can change: that is checked again, against the injected clock, on every use.
/// Revocation does not rest on this: <see cref="ActiveClients"/> checks the client behind the token on every request.
/// </summary>
internal sealed class ValidatedTokens : JsonWebTokenHandler
{
    /// <summary>More tokens than live clients ever hold at once (one per client per five minutes); past it the cache starts again.</summary>
    public const int MaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, TokenValidationResult> _valid = new(StringComparer.Ordinal);

    public ValidatedTokens() => MapInboundClaims = false;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (token is not null && _valid.TryGetValue(token, out var kept))
        {
            if (IsLive(kept.SecurityToken, validationParameters))
            {
                // A fresh identity per request: the principal built on it is the request's own.
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = kept.SecurityToken,
                    ClaimsIdentity = kept.ClaimsIdentity.Clone(),
                    Issuer = kept.Issuer,
                    TokenType = kept.TokenType,
                };
            }

            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null)
        {
            if (_valid.Count >= MaxTokens)
            {
                _valid.Clear();
            }

            _valid[token] = result;
        }

        return result;
    }

    private static bool IsLive(SecurityToken token, TokenValidationParameters parameters)
    {
        var notBefore = token.ValidFrom == DateTime.MinValue ? (DateTime?)null : token.ValidFrom;
        var expires = token.ValidTo == DateTime.MinValue ? (DateTime?)null : token.ValidTo;
        try
        {
            Validators.ValidateLifetime(notBefore, expires, token, parameters);
            return true;
        }
        catch (SecurityTokenException)
        {
            return false;
        }
    }
}
