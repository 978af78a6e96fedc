using Booking.Web.Fhir.Models;

namespace Booking.Web.Fhir;

/// <summary>
/// The error responses of docs/fhir-contract.md: each status with its R4 issue code and Spine error code
/// (<c>https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode</c>).
/// </summary>
internal static class OperationOutcomes
{
    public const string SpineErrorSystem = "https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode";

    public static FhirResult BadRequest(string diagnostics) =>
        Error(StatusCodes.Status400BadRequest, "invalid", "BAD_REQUEST", "Bad request", diagnostics);

    /// <summary>
    /// 422: issue 6 and docs/fhir-contract.md's Booking section put an invalid NHS number in a booking among the
    /// unprocessable resources (the code table's 400 applies to a malformed request); docs/fhir.md records it.
    /// </summary>
    public static FhirResult InvalidNhsNumber(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, "value", "INVALID_NHS_NUMBER", "Invalid NHS number", diagnostics);

    public static FhirResult Unauthorized(string diagnostics) =>
        Error(StatusCodes.Status401Unauthorized, "login", "ACCESS_DENIED", "Access denied", diagnostics);

    public static FhirResult Forbidden(string diagnostics) =>
        Error(StatusCodes.Status403Forbidden, "forbidden", "ACCESS_DENIED", "Access denied", diagnostics);

    public static FhirResult NotFound(string diagnostics) =>
        Error(StatusCodes.Status404NotFound, "not-found", "NO_RECORD_FOUND", "No record found", diagnostics);

    public static FhirResult MethodNotAllowed(string diagnostics) =>
        Error(StatusCodes.Status405MethodNotAllowed, "not-supported", "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult Duplicate(string diagnostics) =>
        Error(StatusCodes.Status409Conflict, "duplicate", "DUPLICATE_REJECTED", "Duplicate rejected", diagnostics);

    public static FhirResult PreconditionFailed(string diagnostics) =>
        Error(StatusCodes.Status412PreconditionFailed, "conflict", "PRECONDITION_FAILED", "Precondition failed", diagnostics);

    public static FhirResult PreconditionRequired(string diagnostics) =>
        Error(StatusCodes.Status428PreconditionRequired, "conflict", "PRECONDITION_FAILED", "Precondition required", diagnostics);

    public static FhirResult InvalidParameter(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, "invalid", "INVALID_PARAMETER", "Invalid parameter", diagnostics);

    public static FhirResult InvalidResource(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, "invalid", "INVALID_RESOURCE", "Invalid resource", diagnostics);

    public static FhirResult ReferenceNotFound(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, "invalid", "REFERENCE_NOT_FOUND", "Reference not found", diagnostics);

    public static FhirResult TooManyRequests(string diagnostics) =>
        Error(StatusCodes.Status429TooManyRequests, "throttled", "TOO_MANY_REQUESTS", "Too many requests", diagnostics);

    public static FhirResult UnsupportedMediaType(string diagnostics) =>
        Error(StatusCodes.Status415UnsupportedMediaType, "not-supported", "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult NotAcceptable(string diagnostics) =>
        Error(StatusCodes.Status406NotAcceptable, "not-supported", "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult InternalError(string diagnostics) =>
        Error(StatusCodes.Status500InternalServerError, "exception", "INTERNAL_SERVER_ERROR", "Internal server error", diagnostics);

    /// <summary>The outcome for any status code, for responses that would otherwise have no body.</summary>
    public static FhirResult ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized("A valid bearer token is required."),
        StatusCodes.Status403Forbidden => Forbidden("The token's scopes do not allow this request."),
        StatusCodes.Status404NotFound => NotFound("No such FHIR endpoint or resource."),
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed("This interaction is not supported on this endpoint."),
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType("Send application/fhir+json."),
        StatusCodes.Status429TooManyRequests => TooManyRequests("Too many requests from this client; slow down and retry."),
        >= 500 => InternalError("The server could not complete the request."),
        _ => BadRequest($"The request could not be processed (HTTP {statusCode})."),
    };

    private static FhirResult Error(int status, string issueCode, string spineCode, string display, string diagnostics) =>
        new(status, new OperationOutcome(
        [
            new OperationOutcomeIssue(
                "error",
                issueCode,
                new CodeableConcept([new Coding(SpineErrorSystem, spineCode, display)]),
                diagnostics),
        ]));
}
