using System.Threading.RateLimiting;

namespace Booking.Web.Components.Account;

/// <summary>
/// Limits sign-in attempts per client address, on top of the per-account lockout: lockout stops guessing one
/// account's password, this stops one address trying many accounts (password spraying). Only posted sign-in
/// forms count; opening the page does not.
/// </summary>
internal static class SignInThrottle
{
    public const string LoginPath = "/Account/Login";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration)
    {
        var attempts = configuration.GetValue("Security:SignIn:AttemptsPerMinutePerAddress", 30);
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetSlidingWindowLimiter(
                        "sign-in:" + context.Connection.RemoteIpAddress,
                        _ => new SlidingWindowRateLimiterOptions
                        {
                            PermitLimit = attempts,
                            Window = TimeSpan.FromMinutes(1),
                            SegmentsPerWindow = 6,
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(""));

            // The FHIR limits registered before this answer their own refusals; a refused sign-in gets a page.
            var otherRefusals = limiter.OnRejected;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (!IsSignInAttempt(rejected.HttpContext.Request))
                {
                    if (otherRefusals is not null)
                    {
                        await otherRefusals(rejected, cancellationToken);
                    }

                    return;
                }

                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(RefusalPage, cancellationToken);
            };
        });
        return services;
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    private const string RefusalPage = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><title>Too many sign-in attempts</title></head>
        <body><main><h1>Too many sign-in attempts</h1>
        <p>Too many sign-in attempts have come from this computer in the last minute. Wait a minute, then
        <a href="/Account/Login">try again</a>.</p></main></body></html>
        """;
}
