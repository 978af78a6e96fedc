using System.Security.Claims;
using Booking.Data.Reporting;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Infrastructure;

namespace Booking.Web.Components.Pages.Manage.Reports;

/// <summary>Each report as a CSV download for practice managers: the same rows the page's tables show.</summary>
internal static class ReportCsv
{
    public const string PathPrefix = "/manage/reports/csv";

    public static string Path(string key, NodaTime.DateInterval range) =>
        $"{PathPrefix.TrimStart('/')}/{key}?from={Formats.Iso(range.Start)}&to={Formats.Iso(range.End)}";

    /// <summary>RFC 4180 CSV with a header row; a cell a spreadsheet would run as a formula is kept as text.</summary>
    public static string ToCsv(ReportTable table) => CsvDownload.ToCsv(table.Header, table.CsvRows);

    /// <summary>
    /// <c>GET /manage/reports/csv/{report}?from=2026-11-01&amp;to=2026-11-30</c> for practice managers only. Anonymous callers
    /// are challenged (sent to sign in); other staff get a plain 403 from the same role check the management pages
    /// make before every save (a download is not a page, so it is refused rather than redirected).
    /// </summary>
    public static IEndpointConventionBuilder MapReportCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(PathPrefix + "/{report}", async (
                string report, string? from, string? to, ClaimsPrincipal user, ReportQueries queries, CancellationToken cancellationToken) =>
            {
                if (ManagerAccess.ActingParty(user) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Reports are for practice managers.");
                }

                if (!ReportTables.Keys.Contains(report))
                {
                    return Results.NotFound($"There is no report '{report}'. Reports: {string.Join(", ", ReportTables.Keys)}.");
                }

                var (range, problem) = ReportRange.Check(Formats.ParseIso(from), Formats.ParseIso(to));
                if (range is null)
                {
                    return Results.BadRequest(problem + " Give from and to as yyyy-MM-dd.");
                }

                if (await queries.GetAsync(range, cancellationToken) is not { } set)
                {
                    return Results.NotFound("No practice is set up yet.");
                }

                var table = ReportTables.For(report, set)!;
                return CsvDownload.File(ToCsv(table), table.FileName(range));
            })
            .RequireAuthorization();
}
