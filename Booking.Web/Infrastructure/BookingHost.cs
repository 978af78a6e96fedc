using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Booking.Web.Infrastructure;

/// <summary>
/// The services the web app and the operator commands share, registered once here so both act on the same database
/// with the same clock: Program.cs and <see cref="AdminCommands"/> each call <see cref="AddBookingDatabase"/>.
/// </summary>
internal static class BookingHost
{
    /// <summary>
    /// The system clock (in Development, <c>Booking:FixedNow</c> shifts it, see <see cref="ShiftedClock"/>), the
    /// <c>ConnectionStrings:Booking</c> SQLite database as an <c>IDbContextFactory</c>, and the stores.
    /// </summary>
    public static WebApplicationBuilder AddBookingDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ShiftedClock.FromConfiguration(builder.Configuration, builder.Environment));
        var connectionString = ConnectionString(builder);
        builder.Services.AddDbContextFactory<BookingDbContext>(options => options.UseBookingSqlite(connectionString));
        builder.Services.AddBookingStores();
        return builder;
    }

    /// <summary>The configured connection string with its file made absolute (a relative path is relative to the content root).</summary>
    public static string ConnectionString(WebApplicationBuilder builder) =>
        SqliteSetup.ResolveConnectionString(
            builder.Configuration.GetConnectionString("Booking")
                ?? throw new InvalidOperationException("Connection string 'Booking' is not configured."),
            builder.Environment.ContentRootPath);

    /// <summary>The folder of the database file; null for an in-memory database.</summary>
    public static string? DatabaseFolder(WebApplicationBuilder builder)
    {
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString(builder)).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetDirectoryName(dataSource);
    }
}
