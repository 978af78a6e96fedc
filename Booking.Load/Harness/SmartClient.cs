using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Data;
using Booking.Data.Clients;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Booking.Load.Harness;

/// <summary>
/// A registered FHIR consumer for tests: its own RSA key, registered (public half) in the database, and
/// SMART Backend Services client assertions signed with it.
/// </summary>
public sealed class SmartClient : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private const string KeyId = "test-signing-key";
    private readonly IClock _clock;

    /// <param name="clientId">The id the client signs as.</param>
    /// <param name="clock">The app's clock, so assertions are fresh in the app's time.</param>
    public SmartClient(string clientId, IClock clock)
    {
        ClientId = clientId;
        _clock = clock;
    }

    /// <summary>The client id; settable because the registration command, not the client, chooses it.</summary>
    public string ClientId { get; set; }

    public string JwksJson
    {
        get
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA", kid = KeyId, use = "sig", alg = "RS384",
                        n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        }
    }

    public async Task RegisterAsync(
        BookingDbContext db, string scopes, string odsCode = "X26", string? organisationType = "urgent-care", ChannelKind channel = ChannelKind.Organisation)
    {
        db.ApiClients.Add(new ApiClientRow
        {
            ClientId = ClientId,
            Name = "Test consumer " + ClientId,
            OdsCode = odsCode,
            ChannelKind = channel,
            OrganisationType = channel == ChannelKind.Organisation ? organisationType : null,
            Scopes = scopes,
            JwksJson = JwksJson,
            CreatedAt = _clock.GetCurrentInstant(),
        });
        await db.SaveChangesAsync();
    }

    public string Assertion(
        string audience, TimeSpan? lifetime = null, string? jti = null, string algorithm = SecurityAlgorithms.RsaSha384, RSA? signWith = null)
    {
        var now = _clock.GetCurrentInstant().ToDateTimeUtc();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ClientId,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(4)),
            Claims = new Dictionary<string, object> { ["sub"] = ClientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = KeyId }, algorithm),
        });
    }

    public static FormUrlEncodedContent TokenRequest(string assertion, string? scope = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Gets a bearer token for the client from the running app, as a consumer would.</summary>
    public async Task<string> GetTokenAsync(HttpClient http, string? scope = null)
    {
        var audience = new Uri(http.BaseAddress!, "/fhir/auth/token").ToString();
        var response = await http.PostAsync("/fhir/auth/token", TokenRequest(Assertion(audience), scope));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    public void Dispose() => _key.Dispose();
}
