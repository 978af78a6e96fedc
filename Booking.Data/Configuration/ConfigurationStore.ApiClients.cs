using System.Text.Json;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Clients;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Configuration;

/// <summary>External API clients: registered, key-rotated, revoked (never deleted: their bookings name them).</summary>
public sealed partial class ConfigurationStore
{
    public Task<ConfigurationResult<ApiClient>> RegisterApiClientAsync(
        ApiClientRegistration registration, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            ArgumentNullException.ThrowIfNull(registration);
            if (ProblemWith(registration) is { } problem)
            {
                return ConfigurationResult<ApiClient>.Invalid(problem);
            }

            // Staff tell clients apart by name in the list, the audit and the reports, so an active client's name is not
            // reused; a client id names one client for ever (bookings keep it), so it is never reused even once revoked.
            var clientId = registration.ClientId.Trim();
            var name = registration.Name.Trim().ToLowerInvariant();
            if (await change.Db.ApiClients.AsNoTracking().AnyAsync(c => c.ClientId == clientId, cancellationToken))
            {
                return ConfigurationResult<ApiClient>.Invalid($"The client id {clientId} is already registered. Choose another client id.", "ClientId");
            }

            if (await change.Db.ApiClients.AsNoTracking().Where(c => c.RevokedAt == null && c.Name.ToLower() == name).Select(c => c.ClientId).FirstOrDefaultAsync(cancellationToken) is { } named)
            {
                return ConfigurationResult<ApiClient>.Invalid(
                    $"An active API client already has this name (client id {named}). Give this one a name that tells them apart, or revoke the other first.", "Name");
            }

            var row = new ApiClientRow
            {
                ClientId = registration.ClientId.Trim(),
                Name = registration.Name.Trim(),
                OdsCode = registration.OdsCode.Value,
                ChannelKind = registration.ChannelKind,
                OrganisationType = registration.ChannelKind == ChannelKind.Organisation
                    ? Channel.ForOrganisation(registration.OdsCode, registration.OrganisationType).OrganisationType
                    : null,
                Scopes = string.Join(' ', registration.Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct()),
                JwksJson = registration.JwksJson,
                CreatedAt = change.Now,
            };
            change.Db.ApiClients.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("api-client.registered", "ApiClient", row.ClientId, null, WithoutKeys(row));
            return ConfigurationResult<ApiClient>.Done(ToClient(row));
        }, cancellationToken);

    /// <summary>Replaces a client's public keys (key rotation).</summary>
    public Task<ConfigurationResult<ApiClient>> ReplaceApiClientKeysAsync(
        string clientId, string jwksJson, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<ApiClient>.NotFound($"API client {clientId}");
            }

            if (ProblemWithKeys(jwksJson) is { } problem)
            {
                return ConfigurationResult<ApiClient>.Invalid(problem);
            }

            var before = AuditLog.Snapshot(WithoutKeys(row));
            row.JwksJson = jwksJson;
            change.Audit("api-client.keys-replaced", "ApiClient", clientId, before, WithoutKeys(row));
            return ConfigurationResult<ApiClient>.Done(ToClient(row));
        }, cancellationToken);

    public Task<ConfigurationResult<ApiClient>> RevokeApiClientAsync(string clientId, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
            if (row is null || row.RevokedAt is not null)
            {
                return ConfigurationResult<ApiClient>.NotFound($"active API client {clientId}");
            }

            var before = AuditLog.Snapshot(WithoutKeys(row));
            row.RevokedAt = change.Now;
            change.Audit("api-client.revoked", "ApiClient", clientId, before, WithoutKeys(row));
            return ConfigurationResult<ApiClient>.Done(ToClient(row));
        }, cancellationToken);

    /// <summary>The client with <paramref name="clientId"/>, revoked or not; null when unknown.</summary>
    public async Task<ApiClient?> GetApiClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        return row is null ? null : ToClient(row);
    }

    public async Task<IReadOnlyList<ApiClient>> ListApiClientsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await db.ApiClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken)).Select(ToClient).ToList();
    }

    private static ApiClient ToClient(ApiClientRow row) => new(
        row.ClientId,
        row.Name,
        OdsCode.Parse(row.OdsCode),
        AppointmentMapping.ToChannel(row.ChannelKind, row.OdsCode, row.OrganisationType),
        row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        row.JwksJson,
        row.CreatedAt,
        row.RevokedAt);

    // Public keys are not secret, but a key set is long and says nothing a reader of the audit log needs.
    private static object WithoutKeys(ApiClientRow row) =>
        new { row.ClientId, row.Name, row.OdsCode, row.ChannelKind, row.OrganisationType, row.Scopes, row.CreatedAt, row.RevokedAt };

    private static string? ProblemWith(ApiClientRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.ClientId) || registration.ClientId.Trim().Length > ApiClientRow.ClientIdMaxLength)
        {
            return $"A client id is required and has at most {ApiClientRow.ClientIdMaxLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Trim().Length > ApiClientRow.NameMaxLength)
        {
            return $"A name is required and has at most {ApiClientRow.NameMaxLength} characters.";
        }

        if (registration.ChannelKind == ChannelKind.Reception)
        {
            return "An API client books online or as an organisation, never as reception.";
        }

        if (string.Join(' ', registration.Scopes).Length > ApiClientRow.ScopesMaxLength)
        {
            return $"Scopes take at most {ApiClientRow.ScopesMaxLength} characters.";
        }

        return ProblemWithKeys(registration.JwksJson);
    }

    private static string? ProblemWithKeys(string jwksJson)
    {
        try
        {
            using var document = JsonDocument.Parse(jwksJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("keys", out var keys)
                && keys.ValueKind == JsonValueKind.Array
                && keys.GetArrayLength() > 0
                ? null
                : "The key set must be a JSON Web Key Set: an object with a non-empty \"keys\" array.";
        }
        catch (JsonException)
        {
            return "The key set is not valid JSON.";
        }
    }
}
