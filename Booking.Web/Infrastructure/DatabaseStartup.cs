using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Brings the database to the current schema before the app takes requests, adopting one made by the hand-written
/// migrations (<see cref="SqliteMigrations"/>). A file it cannot upgrade stops the app with the reason, unchanged.
/// </summary>
internal static class DatabaseStartup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await SqliteMigrations.MigrateAsync(db, logger, cancellationToken);
        await SqliteSetup.EnableWriteAheadLogAsync(db, cancellationToken);
    }
}
