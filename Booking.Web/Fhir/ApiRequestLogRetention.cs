using System.Text.Json;
using Booking.Data;
using Booking.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Deletes FHIR request rows and request counts older than <c>Audit:Retention:ApiRequestDays</c> (180 by default;
/// 0 keeps them for ever), at start-up and then every hour. Only the request log is purged: the audit of changes
/// (bookings, rota, staff, clients) is the practice's record and is kept. The audit log is otherwise append-only
/// (<see cref="BookingDbContext"/> refuses tracked deletes); this bulk delete is the one configured exception, and
/// each purge is itself audited with the cut-off and the number of rows.
/// </summary>
internal sealed class ApiRequestLogRetention(
    IDbContextFactory<BookingDbContext> dbFactory, IClock clock, IConfiguration configuration, ILogger<ApiRequestLogRetention> logger)
    : BackgroundService
{
    public const string PurgedAction = "audit.request-log-purged";

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private int RetentionDays => configuration.GetValue("Audit:Retention:ApiRequestDays", 180);

    /// <summary>Deletes what is past retention; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var days = RetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var cutOff = clock.GetCurrentInstant() - Duration.FromDays(days);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.AuditEntries
            .Where(e => (e.Action == FhirRequestAudit.RequestAction || e.Action == FhirRequestAudit.CountedAction) && e.At < cutOff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            db.AuditEntries.Add(AuditEntry.Record(
                clock.GetCurrentInstant(), AuditActorKind.System, "retention", PurgedAction, "AuditEntries", "fhir-requests",
                before: null, after: JsonSerializer.Serialize(new { before = cutOff.ToString(), retentionDays = days, deleted })));
            await db.SaveChangesAsync(cancellationToken);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // A busy database is tried again next hour; nothing is lost by waiting.
                    logger.LogWarning(ex, "Could not purge the FHIR request log");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }
}
