namespace Booking.Web.Infrastructure;

/// <summary>
/// Headers every response carries, pages, static files and the FHIR API alike. The content security policy
/// is the strictest Blazor Server runs under: scripts only from this origin (no inline script, no eval), the
/// circuit's WebSocket back to this origin, and no framing by anyone. Inline styles stay allowed because the
/// component libraries set <c>style</c> attributes on the elements they draw.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set before the rest of the pipeline runs, so that error pages and refusals carry them too.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
}
