using Booking.Data;
using Booking.Data.Instances;
using Booking.Data.Sqlite;
using Booking.Data.Storage;
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
    /// <c>ConnectionStrings:Booking</c> database of the <c>Database:Provider</c> chosen (SQLite by default) as an
    /// <c>IDbContextFactory</c>, the stores, and the writer of the refusal counts they keep.
    /// </summary>
    public static WebApplicationBuilder AddBookingDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ShiftedClock.FromConfiguration(builder.Configuration, builder.Environment));
        var provider = Provider(builder);
        var connectionString = ConnectionString(builder);
        builder.Services.AddDbContextFactory<BookingDbContext>(options => options.UseBookingDatabase(provider, connectionString));
        builder.Services.AddBookingStores();
        builder.Services.AddHostedService<RefusalCountWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChangeNoticeRelay>());
        return builder;
    }

    /// <summary>The configured provider; an unknown name stops the app with the accepted ones.</summary>
    public static DatabaseProvider Provider(WebApplicationBuilder builder) =>
        BookingDatabase.ParseProvider(builder.Configuration[BookingDatabase.ProviderSetting]);

    /// <summary>
    /// The configured connection string; for SQLite with its file made absolute (a relative path is relative to the
    /// content root).
    /// </summary>
    public static string ConnectionString(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Booking")
            ?? throw new InvalidOperationException("Connection string 'Booking' is not configured.");
        return Provider(builder) == DatabaseProvider.Sqlite
            ? SqliteSetup.ResolveConnectionString(configured, builder.Environment.ContentRootPath)
            : configured;
    }

    /// <summary>The folder of the SQLite database file; null for an in-memory database or a server database.</summary>
    public static string? DatabaseFolder(WebApplicationBuilder builder)
    {
        if (Provider(builder) != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(ConnectionString(builder)).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetDirectoryName(dataSource);
    }
}
