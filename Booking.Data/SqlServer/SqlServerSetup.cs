using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.SqlServer;

/// <summary>
/// Everything SQL Server-specific: EF Core's SQL Server provider with this provider's migration set, and how SQL
/// Server reports a unique-index refusal. No SQL Server runs on our machines: its migrations are generated and
/// their script is checked (docs/data.md), the provider is never connected to in tests.
/// </summary>
public static class SqlServerSetup
{
    /// <summary>EF Core's name for this provider (<c>DatabaseFacade.ProviderName</c>).</summary>
    public const string ProviderName = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>
    /// The assembly holding the SQL Server migration set (project Booking.Data.SqlServer.Migrations), named rather
    /// than referenced because it references this one.
    /// </summary>
    public const string MigrationsAssemblyName = "Booking.Data.SqlServer.Migrations";

    // 2601: a duplicate key row at a unique index; 2627: at a primary key or unique constraint. Both messages name it.
    private const int DuplicateKeyAtUniqueIndex = 2601;
    private const int DuplicateKeyAtConstraint = 2627;

    /// <summary>Configures EF Core for a SQL Server database with the SQL Server migration set.</summary>
    public static DbContextOptionsBuilder UseBookingSqlServer(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sqlServer => sqlServer.MigrationsAssembly(MigrationsAssemblyName));

    /// <summary>True when <paramref name="exception"/> is SQL Server refusing a row at one of the named unique indexes or keys.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception, IReadOnlySet<string> constraintNames) =>
        exception.InnerException is SqlException { Number: DuplicateKeyAtUniqueIndex or DuplicateKeyAtConstraint } sql
        && constraintNames.Any(name => sql.Message.Contains($"'{name}'", StringComparison.Ordinal));
}
