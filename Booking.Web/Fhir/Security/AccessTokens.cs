using System.Security.Claims;
using System.Security.Cryptography;
using Booking.Data.Clients;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Mints and validates the short-lived bearer tokens of the FHIR API. The signing key is kept in the database,
/// protected by the app's Data Protection keys (<see cref="ApiTokenStore"/>): on a server database every instance
/// reads the same key, so a token issued by one is accepted by all, and a restart leaves tokens valid. Loaded once
/// at start-up (<see cref="LoadSigningKeyAsync"/>), before the app takes requests.
/// </summary>
internal sealed class AccessTokens(IClock clock, ApiTokenStore store, IDataProtectionProvider dataProtection) : IDisposable
{
    /// <summary>docs/fhir-contract.md: tokens last at most five minutes.</summary>
    public static readonly Duration Lifetime = Duration.FromMinutes(5);

    /// <summary>
    /// How far another instance's clock may run ahead of this one's: a token it issued a moment ago is not refused here
    /// as "not yet valid". Expiry is not stretched: a token still ends when its five minutes are up.
    /// </summary>
    public static readonly Duration PeerClockTolerance = Duration.FromSeconds(30);

    public const string Issuer = "booking-fhir";
    public const string Audience = "booking-fhir-api";
    public const string ClientIdClaim = "client_id";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Booking.Fhir.AccessTokenSigningKey");
    private readonly RSA _rsa = RSA.Create(2048);
    private RsaSecurityKey? _signingKey;

    public SecurityKey SigningKey => _signingKey ?? throw new InvalidOperationException("The token signing key is not loaded: call LoadSigningKeyAsync at start-up.");

    /// <summary>Reads the stored signing key, or makes and stores one when there is none this app can read.</summary>
    public async Task LoadSigningKeyAsync(CancellationToken cancellationToken = default)
    {
        var row = await store.GetOrCreateSigningKeyAsync(NewKey, CanRead, cancellationToken);
        _rsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(row.ProtectedKey)), out _);
        _signingKey = new RsaSecurityKey(_rsa) { KeyId = row.KeyId };
    }

    private (string KeyId, string ProtectedKey) NewKey()
    {
        using var fresh = RSA.Create(2048);
        return (Guid.NewGuid().ToString("N"), Convert.ToBase64String(_protector.Protect(fresh.ExportPkcs8PrivateKey())));
    }

    // A key protected under Data Protection keys this app no longer has (a SQLite keys folder lost) cannot be read:
    // a new one replaces it, which only ends the tokens of the last five minutes.
    private bool CanRead(TokenSigningKeyRow row)
    {
        try
        {
            _protector.Unprotect(Convert.FromBase64String(row.ProtectedKey));
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    public string Issue(string clientId, IReadOnlyCollection<string> scopes)
    {
        var now = clock.GetCurrentInstant();
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
            var now = clock.GetCurrentInstant();
            return (notBefore is null || notBefore <= (now + PeerClockTolerance).ToDateTimeUtc()) && expires is { } end && now.ToDateTimeUtc() < end;
        },
        NameClaimType = ClientIdClaim,
    };

    public void Dispose() => _rsa.Dispose();
}
