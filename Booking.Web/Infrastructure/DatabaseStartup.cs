using Booking.Data;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Brings the database to the current schema before the app takes requests (<see cref="BookingDatabase.MigrateAsync"/>).
/// A database it cannot upgrade stops the app with the reason, unchanged.
/// </summary>
internal static class DatabaseStartup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await BookingDatabase.MigrateAsync(db, logger, cancellationToken);
    }
}
