using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Booking.Data.Sqlite.Migrations;

/// <summary>
/// How <c>dotnet ef</c> makes a <see cref="BookingDbContext"/> for the SQLite migration set, with this project as
/// both <c>--project</c> and <c>--startup-project</c>: the same <see cref="SqliteSetup.UseBookingSqlite"/> the app
/// uses, whose <c>MigrationsAssembly</c> is this assembly. Adding a migration or checking for model changes opens no
/// database. Databases are migrated by the app at start-up (<see cref="SqliteMigrations.MigrateAsync"/>), not by
/// <c>dotnet ef database update</c>, which would skip the adoption of databases made by the hand-written migrations.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<BookingDbContext>
{
    /// <summary>Used only if a design-time command connects, e.g. <c>dotnet ef migrations list</c>; pass <c>--connection</c> to choose a file.</summary>
    private const string DesignTimeConnectionString = "Data Source=:memory:";

    public BookingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        options.UseBookingSqlite(DesignTimeConnectionString);
        return new BookingDbContext(options.Options);
    }
}
