using Booking.Data;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Healthy when the configured database answers and passes its provider's check: SQLite's integrity check of the file,
/// or, on a server, every migration applied and the write lock row present.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<BookingDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var problems = await BookingDatabase.CheckAsync(db, cancellationToken);
            return problems.Count == 0
                ? HealthCheckResult.Healthy($"{BookingDatabase.ProviderOf(db.Database)} database reachable; its check passed.")
                : HealthCheckResult.Unhealthy("Database check failed: " + string.Join("; ", problems.Take(5)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", ex);
        }
    }
}
