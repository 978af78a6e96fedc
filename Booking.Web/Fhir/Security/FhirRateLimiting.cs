using Booking.Data.Instances;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// Per-client request limits for the FHIR API (docs/fhir-contract.md: rate limit per client → 429). Each registered client
/// gets its own fixed window, so one busy consumer cannot starve another; anonymous calls (metadata, token,
/// $bulk-publish) share one partition per remote address. The windows are counted where <see cref="RateLimitStores.Choose"/>
/// says: in memory for one instance, in the database when several instances share a server database.
/// </summary>
internal static class FhirRateLimiting
{
    public const string Policy = "fhir-per-client";

    public static IServiceCollection AddFhirRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerMinute = configuration.GetValue("Fhir:RateLimit:RequestsPerMinute", 1200);
        var store = RateLimitStores.Choose(configuration);
        services.AddRateLimiter(limiter =>
        {
            // No body here: the FHIR pipeline answers every bodiless error with an OperationOutcome.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context => RateLimitStores.PerMinute(
                store,
                context.RequestServices.GetRequiredService<SharedRateLimits>,
                "fhir",
                context.User.FindFirst(AccessTokens.ClientIdClaim)?.Value ?? "anonymous:" + context.Connection.RemoteIpAddress,
                permitsPerMinute));
        });
        return services;
    }
}
