using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Booking.Web.Infrastructure;

/// <summary>Healthy when the database answers and its file passes the integrity check.</summary>
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

            var problems = await SqliteSetup.CheckIntegrityAsync(db, cancellationToken);
            return problems.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; integrity check passed.")
                : HealthCheckResult.Unhealthy("Integrity check failed: " + string.Join("; ", problems.Take(5)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", ex);
        }
    }
}
