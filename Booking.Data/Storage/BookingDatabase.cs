using Booking.Data.PostgreSql;
using Booking.Data.Sqlite;
using Booking.Data.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Booking.Data.Storage;

/// <summary>
/// The one place that knows which provider a database is and sends each provider-specific step (configuring EF,
/// migrating, the write lock, reading a unique-index refusal, the health check) to that provider's folder. Code
/// outside the provider folders calls these and never a provider's API.
/// </summary>
public static class BookingDatabase
{
    /// <summary>The setting that chooses the provider (environment: <c>Database__Provider</c>); SQLite when absent.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>
    /// The provider a <see cref="ProviderSetting"/> value names, case-insensitively; <see cref="DatabaseProvider.Sqlite"/>
    /// for none. Any other value is refused with the accepted ones, rather than silently running on another database.
    /// </summary>
    public static DatabaseProvider ParseProvider(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return DatabaseProvider.Sqlite;
        }

        // Names only: Enum.TryParse would also take "2" or "Sqlite,SqlServer".
        var name = Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, setting.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null
            ? throw new InvalidOperationException(
                $"{ProviderSetting} is '{setting}'; it must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.")
            : Enum.Parse<DatabaseProvider>(name);
    }

    /// <summary>Configures EF Core for <paramref name="provider"/> with its migration set and the settings every connection needs.</summary>
    public static DbContextOptionsBuilder UseBookingDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseBookingSqlite(connectionString),
            DatabaseProvider.PostgreSql => options.UseBookingPostgreSql(connectionString),
            DatabaseProvider.SqlServer => options.UseBookingSqlServer(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    /// <summary>The provider <paramref name="database"/> was configured with.</summary>
    public static DatabaseProvider ProviderOf(DatabaseFacade database) =>
        database.ProviderName switch
        {
            SqliteSetup.ProviderName => DatabaseProvider.Sqlite,
            PostgreSqlSetup.ProviderName => DatabaseProvider.PostgreSql,
            SqlServerSetup.ProviderName => DatabaseProvider.SqlServer,
            var other => throw new NotSupportedException($"Booking does not run on the EF Core provider '{other}'."),
        };

    /// <summary>
    /// Brings the database to the current schema before the app takes requests. SQLite adopts a file made by the
    /// hand-written migrations first and turns on write-ahead logging; a server database is migrated by EF, whose
    /// migration lock lets several instances start at once. Throws <see cref="DatabaseRefusedException"/> for a
    /// database this version cannot upgrade, having changed nothing.
    /// </summary>
    public static async Task MigrateAsync(BookingDbContext db, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        if (ProviderOf(db.Database) == DatabaseProvider.Sqlite)
        {
            await SqliteMigrations.MigrateAsync(db, logger, cancellationToken);
            await SqliteSetup.EnableWriteAheadLogAsync(db, cancellationToken);
            return;
        }

        await ServerMigrations.MigrateAsync(db, logger, cancellationToken);
    }

    /// <summary>The problems a health check finds in the database beyond reaching it; empty when it is sound.</summary>
    public static Task<IReadOnlyList<string>> CheckAsync(BookingDbContext db, CancellationToken cancellationToken = default) =>
        ProviderOf(db.Database) == DatabaseProvider.Sqlite
            ? SqliteSetup.CheckIntegrityAsync(db, cancellationToken)
            : ServerMigrations.CheckSchemaAsync(db, cancellationToken);
}
