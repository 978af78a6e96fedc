using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>Brings the database to the current schema before the app takes requests.</summary>
internal static class DatabaseStartup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await SqliteSetup.EnableWriteAheadLogAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
