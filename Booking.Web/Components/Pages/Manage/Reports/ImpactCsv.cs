using System.Globalization;
using System.Security.Claims;
using Booking.Core.Reporting;
using Booking.Core.Time;
using Booking.Data.Reporting;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Infrastructure;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Reports;

/// <summary>The impact report as a CSV download for practice managers: the rows the page's table shows.</summary>
internal static class ImpactCsv
{
    /// <summary>
    /// <c>GET /manage/reports/impact/csv?date=2026-10-12&amp;weeks=6</c> for practice managers only, refused as the
    /// report CSVs are (<see cref="ReportCsv.MapReportCsv"/>): anonymous callers are challenged, other staff get a 403.
    /// </summary>
    public static IEndpointConventionBuilder MapImpactCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ImpactTables.CsvPath, async (
                string? date, string? weeks, ClaimsPrincipal user, ImpactQueries queries, IClock clock, CancellationToken cancellationToken) =>
            {
                if (ManagerAccess.ActingParty(user) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Reports are for practice managers.");
                }

                var (changeDate, dateProblem) = ImpactInput.CheckDate(Formats.ParseIso(date), PracticeTime.Today(clock));
                var (weekCount, weeksProblem) = ImpactInput.CheckWeeks(weeks);
                if (changeDate is null || weekCount is null)
                {
                    return Results.BadRequest(string.Join(" ", new[] { dateProblem, weeksProblem }.Where(p => p is not null)) + " Give date as yyyy-MM-dd and weeks as a number.");
                }

                if (await queries.GetAsync(changeDate.Value, weekCount.Value, cancellationToken) is not { } set)
                {
                    return Results.NotFound("No practice is set up yet.");
                }

                var table = ImpactTables.For(set);
                return CsvDownload.File(ReportCsv.ToCsv(table), table.FileName(ImpactTables.Asked(set.Comparison)));
            })
            .RequireAuthorization();
}

/// <summary>The change dates and numbers of weeks the impact report accepts, and what is wrong with those typed in.</summary>
internal static class ImpactInput
{
    /// <summary>Weeks each side when the manager has not chosen: long enough to see past one odd week.</summary>
    public const int DefaultWeeks = 6;

    /// <summary>How many years either side of today a change date may be: further out there is no history to read.</summary>
    public const int YearsFromToday = 10;

    /// <summary>The weeks in <paramref name="text"/>, or why they cannot be compared.</summary>
    public static (int? Weeks, string? Problem) CheckWeeks(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var weeks) && weeks is >= ImpactReport.MinWeeks and <= ImpactReport.MaxWeeks
            ? (weeks, null)
            : (null, $"Choose {ImpactReport.MinWeeks} to {ImpactReport.MaxWeeks} weeks each side.");

    /// <summary>The change date, or why it cannot be compared.</summary>
    public static (LocalDate? Date, string? Problem) CheckDate(LocalDate? date, LocalDate today) => date switch
    {
        null => (null, "Choose a saved change or a date."),
        { } day when day < today.PlusYears(-YearsFromToday) || day > today.PlusYears(YearsFromToday) =>
            (null, $"Choose a date within {YearsFromToday} years of today."),
        { } day => (day, null),
    };
}
