using Booking.Core.Release;
using Booking.Data.Clients;
using Booking.Web.Fhir.Security;

namespace Booking.Web.Fhir;

/// <summary>
/// The registered client behind a request's bearer token. Its channel and organisation come from its
/// registration, never from anything the request claims.
/// </summary>
internal static class FhirCaller
{
    private static readonly object ClientItem = new();

    /// <summary>
    /// The active client <see cref="RequireActiveClient{TBuilder}"/> resolved for this request. Endpoints behind that
    /// filter take it from here instead of reading the store again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint is not behind the filter (a mapping mistake).</exception>
    public static ApiClient Current(HttpContext context) =>
        context.Items.TryGetValue(ClientItem, out var resolved) && resolved is ApiClient client
            ? client
            : throw new InvalidOperationException("This endpoint must be mapped with RequireActiveClient.");

    /// <summary>The active (registered, not revoked) client behind the request's token, or null; read once per request.</summary>
    private static async Task<ApiClient?> ResolveAsync(HttpContext context, ActiveClients clients)
    {
        if (context.Items.TryGetValue(ClientItem, out var resolved))
        {
            return resolved as ApiClient;
        }

        var clientId = context.User.FindFirst(AccessTokens.ClientIdClaim)?.Value;
        var client = clientId is null ? null : await clients.FindAsync(clientId, context.RequestAborted);
        var active = client is { IsRevoked: false } ? client : null;
        context.Items[ClientItem] = active;
        return active;
    }

    /// <summary>
    /// Refuses, before the endpoint runs, a token whose client has been revoked (or was never registered): a token
    /// outlives its client's revocation by up to five minutes, and every endpoint, reads of the directory resources
    /// included, must stop answering at once.
    /// </summary>
    public static TBuilder RequireActiveClient<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (await ResolveAsync(context, context.RequestServices.GetRequiredService<ActiveClients>()) is null)
            {
                context.Response.Headers.WWWAuthenticate =
                    "Bearer error=\"invalid_token\", error_description=\"the client behind this token is not registered or has been revoked\"";
                return OperationOutcomes.Unauthorized("The client behind this token is not registered or has been revoked.");
            }

            return await next(invocation);
        });

    public static Caller AsCaller(this ApiClient client) => new(client.Channel);
}
