using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Booking.Data.PostgreSql;

/// <summary>
/// Everything PostgreSQL-specific: EF Core's Npgsql provider with this provider's migration set, the column type of
/// wall-clock times, and how PostgreSQL reports a unique-index refusal. Shared code reaches it only through
/// <c>BookingDatabase</c> and <c>WriteTransaction</c>.
/// </summary>
public static class PostgreSqlSetup
{
    /// <summary>EF Core's name for this provider (<c>DatabaseFacade.ProviderName</c>).</summary>
    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// The assembly holding the PostgreSQL migration set (project Booking.Data.PostgreSql.Migrations), named rather
    /// than referenced because it references this one.
    /// </summary>
    public const string MigrationsAssemblyName = "Booking.Data.PostgreSql.Migrations";

    /// <summary>Configures EF Core for a PostgreSQL database with the PostgreSQL migration set.</summary>
    public static DbContextOptionsBuilder UseBookingPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssemblyName));

    /// <summary>
    /// Npgsql maps <see cref="DateTime"/> to <c>timestamp with time zone</c>, which accepts only UTC. Instants are
    /// stored as UTC and belong there; a <see cref="LocalDateTime"/> is a wall-clock reading stored as a
    /// <see cref="DateTime"/> of unspecified kind, so its column is <c>timestamp without time zone</c>.
    /// </summary>
    internal static void AdjustModel(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(LocalDateTime) || property.ClrType == typeof(LocalDateTime?))
            {
                property.SetColumnType("timestamp without time zone");
            }
        }
    }

    /// <summary>True when <paramref name="exception"/> is PostgreSQL refusing a row at one of the named unique indexes or keys.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception, IReadOnlySet<string> constraintNames) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } name }
        && constraintNames.Contains(name);
}
