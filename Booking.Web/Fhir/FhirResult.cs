using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>An R4 resource written with the FHIR media type and the given status.</summary>
internal sealed class FhirResult(int statusCode, R4.Resource resource) : IResult
{
    public int StatusCode { get; } = statusCode;

    public R4.Resource Resource { get; } = resource;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = FhirJson.ContentType;
        FhirJson.Write(httpContext.Response.BodyWriter, Resource);
        return httpContext.Response.BodyWriter.FlushAsync().AsTask();
    }
}

/// <summary>A 200 whose FHIR JSON body is already written (a kept slot-search answer).</summary>
internal sealed class FhirJsonBytes(byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = FhirJson.ContentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}
