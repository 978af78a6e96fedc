using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Booking.Data.PostgreSql.Migrations;

/// <summary>
/// How <c>dotnet ef</c> makes a <see cref="BookingDbContext"/> for the PostgreSQL migration set, with this project as
/// both <c>--project</c> and <c>--startup-project</c>: the same <see cref="PostgreSqlSetup.UseBookingPostgreSql"/> the app uses, whose
/// <c>MigrationsAssembly</c> is this assembly. Adding a migration, scripting or checking for model changes opens no
/// database; the app migrates at start-up (<c>BookingDatabase.MigrateAsync</c>).
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<BookingDbContext>
{
    /// <summary>Used only if a design-time command connects; pass <c>--connection</c> to choose a database.</summary>
    private const string DesignTimeConnectionString = "Host=127.0.0.1;Database=booking_design;Username=postgres";

    public BookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        options.UseBookingPostgreSql(DesignTimeConnectionString);
        return new BookingDbContext(options.Options);
    }
}
