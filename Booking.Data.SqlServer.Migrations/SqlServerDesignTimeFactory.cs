using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Booking.Data.SqlServer.Migrations;

/// <summary>
/// How <c>dotnet ef</c> makes a <see cref="BookingDbContext"/> for the SQL Server migration set, with this project as
/// both <c>--project</c> and <c>--startup-project</c>: the same <see cref="SqlServerSetup.UseBookingSqlServer"/> the app uses, whose
/// <c>MigrationsAssembly</c> is this assembly. Adding a migration, scripting or checking for model changes opens no
/// database; the app migrates at start-up (<c>BookingDatabase.MigrateAsync</c>).
/// </summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<BookingDbContext>
{
    /// <summary>Used only if a design-time command connects; pass <c>--connection</c> to choose a database.</summary>
    private const string DesignTimeConnectionString = "Server=localhost;Database=Booking;Trusted_Connection=True;TrustServerCertificate=True";

    public BookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        options.UseBookingSqlServer(DesignTimeConnectionString);
        return new BookingDbContext(options.Options);
    }
}
