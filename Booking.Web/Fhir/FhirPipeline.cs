using Microsoft.Extensions.Primitives;

namespace Booking.Web.Fhir;

/// <summary>
/// Wire rules every response under <c>/fhir</c> follows (docs/fhir-contract.md): the FHIR media type, an
/// OperationOutcome on every error (never HTML, plain text or an empty body), request ids echoed,
/// no caching, and JSON as the only format.
/// </summary>
internal sealed class FhirPipeline(RequestDelegate next, FhirRequestAudit audit, ILogger<FhirPipeline> logger)
{
    public const string BasePath = "/fhir";

    private static readonly HashSet<string> JsonFormats =
        new(["json", "application/json", "application/fhir+json"], StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await AnswerAsync(context);
        }
        finally
        {
            await audit.RecordAsync(context);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        // Slot searches and anything with patient data must not be cached; endpoints that publish
        // public capacity ($bulk-publish) set their own max-age.
        context.Response.Headers.CacheControl = "no-store";

        if (RequestIdHeaders.Problem(context.Request.Headers) is { } idProblem)
        {
            await OperationOutcomes.BadRequest(idProblem).ExecuteAsync(context);
            return;
        }

        foreach (var header in RequestIdHeaders.Names)
        {
            if (RequestIdHeaders.Read(context.Request.Headers, header) is { } id)
            {
                context.Response.Headers[header] = id;
            }
        }

        if (RefusedFormat(context.Request) is { } refusal)
        {
            await OperationOutcomes.NotAcceptable(refusal).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            // Logged by type and request only: a request body may hold an NHS number, which never goes in logs.
            logger.LogError(ex, "FHIR request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.Headers.CacheControl = "no-store";
            await OperationOutcomes.InternalError("The server could not complete the request; it has been logged.").ExecuteAsync(context);
            return;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0)
        {
            await OperationOutcomes.ForStatus(context.Response.StatusCode).ExecuteAsync(context);
        }
    }

    private static string? RefusedFormat(HttpRequest request)
    {
        var format = request.Query["_format"];
        if (!StringValues.IsNullOrEmpty(format) && !JsonFormats.Contains(format.ToString()))
        {
            return $"_format '{format}' is not supported; this server speaks FHIR JSON (_format=json).";
        }

        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept) || accept.Contains("json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal))
        {
            return null;
        }

        return $"Accept '{accept}' is not supported; ask for application/fhir+json.";
    }
}
