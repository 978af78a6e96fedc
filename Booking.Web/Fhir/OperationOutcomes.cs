using R4 = Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Booking.Web.Fhir;

/// <summary>
/// The error responses of docs/fhir-contract.md: each status with its R4 issue code and Spine error code
/// (<c>https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode</c>).
/// </summary>
internal static class OperationOutcomes
{
    public const string SpineErrorSystem = "https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode";

    public static FhirResult BadRequest(string diagnostics) =>
        Error(StatusCodes.Status400BadRequest, IssueType.Invalid, "BAD_REQUEST", "Bad request", diagnostics);

    /// <summary>Where a problem in a client's resource is: a FHIRPath expression and the line and position in the body, when known.</summary>
    public sealed record Where(string? Expression, string? Location, string Diagnostics);

    /// <summary>400: a body that is not valid R4, one issue per problem, each saying where it is.</summary>
    public static FhirResult NotValidR4(IEnumerable<Where> problems) =>
        new(StatusCodes.Status400BadRequest, new R4.OperationOutcome
        {
            Issue = problems.Select(problem => new R4.OperationOutcome.IssueComponent
            {
                Severity = R4.OperationOutcome.IssueSeverity.Error,
                Code = IssueType.Invalid,
                Details = SpineDetails("BAD_REQUEST", "Bad request"),
                Diagnostics = problem.Diagnostics,
                Expression = problem.Expression is { } expression ? [expression] : [],
                Location = problem.Location is { } location ? [location] : [],
            }).ToList(),
        });

    /// <summary>
    /// 422: issue 6 and docs/fhir-contract.md's Booking section put an invalid NHS number in a booking among the
    /// unprocessable resources (the code table's 400 applies to a malformed request); docs/fhir.md records it.
    /// </summary>
    public static FhirResult InvalidNhsNumber(string diagnostics, string? expression = null) =>
        Error(StatusCodes.Status422UnprocessableEntity, IssueType.Value, "INVALID_NHS_NUMBER", "Invalid NHS number", diagnostics, expression);

    /// <summary>400: a search names a patient by an NHS number that fails modulus 11 (a malformed search, as PDS answers it).</summary>
    public static FhirResult InvalidNhsNumberParameter(string diagnostics) =>
        Error(StatusCodes.Status400BadRequest, IssueType.Value, "INVALID_NHS_NUMBER", "Invalid NHS number", diagnostics);

    public static FhirResult Unauthorized(string diagnostics) =>
        Error(StatusCodes.Status401Unauthorized, IssueType.Login, "ACCESS_DENIED", "Access denied", diagnostics);

    public static FhirResult Forbidden(string diagnostics) =>
        Error(StatusCodes.Status403Forbidden, IssueType.Forbidden, "ACCESS_DENIED", "Access denied", diagnostics);

    public static FhirResult NotFound(string diagnostics) =>
        Error(StatusCodes.Status404NotFound, IssueType.NotFound, "NO_RECORD_FOUND", "No record found", diagnostics);

    public static FhirResult MethodNotAllowed(string diagnostics) =>
        Error(StatusCodes.Status405MethodNotAllowed, IssueType.NotSupported, "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult Duplicate(string diagnostics) =>
        Error(StatusCodes.Status409Conflict, IssueType.Duplicate, "DUPLICATE_REJECTED", "Duplicate rejected", diagnostics);

    public static FhirResult PreconditionFailed(string diagnostics) =>
        Error(StatusCodes.Status412PreconditionFailed, IssueType.Conflict, "PRECONDITION_FAILED", "Precondition failed", diagnostics);

    public static FhirResult PreconditionRequired(string diagnostics) =>
        Error(StatusCodes.Status428PreconditionRequired, IssueType.Conflict, "PRECONDITION_FAILED", "Precondition required", diagnostics);

    public static FhirResult InvalidParameter(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, IssueType.Invalid, "INVALID_PARAMETER", "Invalid parameter", diagnostics);

    /// <summary>422: the resource is R4 but cannot be booked; <paramref name="expression"/> names the element when one is to blame.</summary>
    public static FhirResult InvalidResource(string diagnostics, string? expression = null) =>
        Error(StatusCodes.Status422UnprocessableEntity, IssueType.Invalid, "INVALID_RESOURCE", "Invalid resource", diagnostics, expression);

    public static FhirResult ReferenceNotFound(string diagnostics, string? expression = null) =>
        Error(StatusCodes.Status422UnprocessableEntity, IssueType.Invalid, "REFERENCE_NOT_FOUND", "Reference not found", diagnostics, expression);

    public static FhirResult TooManyRequests(string diagnostics) =>
        Error(StatusCodes.Status429TooManyRequests, IssueType.Throttled, "TOO_MANY_REQUESTS", "Too many requests", diagnostics);

    public static FhirResult UnsupportedMediaType(string diagnostics) =>
        Error(StatusCodes.Status415UnsupportedMediaType, IssueType.NotSupported, "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult NotAcceptable(string diagnostics) =>
        Error(StatusCodes.Status406NotAcceptable, IssueType.NotSupported, "BAD_REQUEST", "Bad request", diagnostics);

    public static FhirResult InternalError(string diagnostics) =>
        Error(StatusCodes.Status500InternalServerError, IssueType.Exception, "INTERNAL_SERVER_ERROR", "Internal server error", diagnostics);

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

    private static FhirResult Error(int status, IssueType issueCode, string spineCode, string display, string diagnostics, string? expression = null) =>
        new(status, new R4.OperationOutcome
        {
            Issue =
            [
                new R4.OperationOutcome.IssueComponent
                {
                    Severity = R4.OperationOutcome.IssueSeverity.Error,
                    Code = issueCode,
                    Details = SpineDetails(spineCode, display),
                    Diagnostics = diagnostics,
                    Expression = expression is null ? [] : [expression],
                },
            ],
        });

    private static R4.CodeableConcept SpineDetails(string spineCode, string display) =>
        new() { Coding = [new R4.Coding(SpineErrorSystem, spineCode, display)] };
}
