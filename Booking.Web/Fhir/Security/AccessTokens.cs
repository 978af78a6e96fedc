using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Mints and validates the short-lived bearer tokens of the FHIR API. The signing key is made at start-up
/// and never leaves the process: tokens last five minutes, so a restart costs a client one token request.
/// </summary>
internal sealed class AccessTokens : IDisposable
{
    /// <summary>docs/fhir-contract.md: tokens last at most five minutes.</summary>
    public static readonly Duration Lifetime = Duration.FromMinutes(5);

    public const string Issuer = "booking-fhir";
    public const string Audience = "booking-fhir-api";
    public const string ClientIdClaim = "client_id";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly IClock _clock;

    public AccessTokens(IClock clock)
    {
        _clock = clock;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    public SecurityKey SigningKey { get; }

    public string Issue(string clientId, IReadOnlyCollection<string> scopes)
    {
        var now = _clock.GetCurrentInstant();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + Lifetime).ToDateTimeUtc(),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, clientId),
                new Claim(ClientIdClaim, clientId),
                new Claim(FhirScopes.Claim, string.Join(' ', scopes)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.Zero,
        // Lifetime is checked against the injected clock, like every other rule (docs/domain.md rule 6).
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = _clock.GetCurrentInstant().ToDateTimeUtc();
            return (notBefore is null || notBefore <= now) && expires is { } end && now < end;
        },
        NameClaimType = ClientIdClaim,
    };

    public void Dispose() => _rsa.Dispose();
}
