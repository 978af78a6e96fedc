using Booking.Core.Release;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Security;

namespace Booking.Web.Fhir;

/// <summary>
/// The registered client behind a request's bearer token. Its channel and organisation come from its
/// registration, never from anything the request claims.
/// </summary>
internal static class FhirCaller
{
    public static async Task<ApiClient?> ResolveAsync(HttpContext context, ConfigurationStore store)
    {
        var clientId = context.User.FindFirst(AccessTokens.ClientIdClaim)?.Value;
        if (clientId is null)
        {
            return null;
        }

        var client = await store.GetApiClientAsync(clientId, context.RequestAborted);
        return client is { IsRevoked: false } ? client : null;
    }

    public static Caller AsCaller(this ApiClient client) => new(client.Channel);
}
