using System.Security.Claims;
using Booking.Data;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Components.Pages.Manage;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Booking.Web.Components.Pages.Audit;

/// <summary>The audit log, filtered as on the page, as a CSV download for practice managers.</summary>
internal static class AuditCsv
{
    public const string CsvPath = "/manage/audit/csv";

    private static readonly string[] Header = ["When (UTC)", "Who", "Kind of actor", "What", "About", "Id", "Before", "After"];

    public static string Path(AuditFilter filter)
    {
        var query = new List<string>();
        Add("from", filter.From is { } from ? Formats.Iso(from) : null);
        Add("to", filter.To is { } to ? Formats.Iso(to) : null);
        Add("actor", filter.Actor);
        Add("subjectType", filter.SubjectType);
        Add("text", filter.Text);
        return CsvPath.TrimStart('/') + (query.Count == 0 ? "" : "?" + string.Join('&', query));

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    /// <summary>
    /// <c>GET /manage/audit/csv?from=&amp;to=&amp;actor=&amp;subjectType=&amp;text=</c>, newest first, at most
    /// <see cref="AuditSearch.MaxExportRows"/> rows. Anonymous callers are sent to sign in; other staff get a 403.
    /// </summary>
    public static IEndpointConventionBuilder MapAuditCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(CsvPath, async (
                string? from, string? to, string? actor, string? subjectType, string? text, ClaimsPrincipal user,
                IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken) =>
            {
                if (ManagerAccess.ActingParty(user) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "The audit log is for practice managers.");
                }

                var filter = new AuditFilter(Formats.ParseIso(from), Formats.ParseIso(to), actor, subjectType, text);
                if ((from is not null && filter.From is null) || (to is not null && filter.To is null) || filter.Problem is not null)
                {
                    return Results.BadRequest(filter.Problem ?? "Give from and to as yyyy-MM-dd.");
                }

                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var entries = await AuditSearch.Apply(db.AuditEntries.AsNoTracking(), filter).Take(AuditSearch.MaxExportRows).ToListAsync(cancellationToken);
                var rows = entries.Select(e => new[]
                {
                    InstantPattern.ExtendedIso.Format(e.At), e.Actor, e.ActorKind.ToString(), e.Action, e.SubjectType, e.SubjectId, e.Before ?? "", e.After ?? "",
                });
                return CsvDownload.File(CsvDownload.ToCsv(Header, rows), $"audit-log-{(filter.From is { } start ? Formats.Iso(start) : "all")}.csv");
            })
            .RequireAuthorization();
}
