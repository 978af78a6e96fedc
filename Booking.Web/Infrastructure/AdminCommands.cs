using Booking.Data;
using Booking.Data.Configuration;
using Booking.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Operator commands run instead of the web app: <c>backup &lt;file&gt;</c> (online, safe while the app runs) and
/// <c>restore &lt;file&gt;</c> (stop the app first), and <c>clients add ...</c> (see <see cref="ClientCommands"/>).
/// They use the same configuration (appsettings, environment,
/// <c>--ConnectionStrings:Booking=...</c>) as the app, so they act on the database the app uses.
/// </summary>
internal static class AdminCommands
{
    private const string Usage = "Usage: Booking.Web backup <file> | Booking.Web restore <file>   (stop the app before a restore)";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore" or "clients";

    /// <summary>Runs the command; the process exit code (0 when it succeeded).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == "clients")
        {
            return await RunClientsAsync(args);
        }

        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        var connectionString = SqliteSetup.ResolveConnectionString(
            builder.Configuration.GetConnectionString("Booking")
                ?? throw new InvalidOperationException("Connection string 'Booking' is not configured."),
            builder.Environment.ContentRootPath);
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        options.UseBookingSqlite(connectionString);
        await using var db = new BookingDbContext(options.Options);

        if (args[0] == "restore")
        {
            Console.WriteLine("Restore replaces the practice database. The app must be stopped first.");
        }

        var outcome = args[0] == "backup"
            ? await SqliteBackup.BackupAsync(db, args[1])
            : await SqliteBackup.RestoreAsync(db, args[1]);
        await (outcome.Succeeded ? Console.Out : Console.Error).WriteLineAsync(outcome.Message);
        return outcome.Succeeded ? 0 : 1;
    }

    private static async Task<int> RunClientsAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "add")
        {
            await Console.Error.WriteLineAsync(ClientCommands.Usage);
            return 2;
        }

        // Options of the command end where host settings (--ConnectionStrings:Booking=...) begin.
        var commandOptions = args[2..].TakeWhile(a => !a.Contains('=', StringComparison.Ordinal)).ToArray();
        var builder = WebApplication.CreateBuilder(args[(2 + commandOptions.Length)..]);
        var connectionString = SqliteSetup.ResolveConnectionString(
            builder.Configuration.GetConnectionString("Booking")
                ?? throw new InvalidOperationException("Connection string 'Booking' is not configured."),
            builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddDbContextFactory<BookingDbContext>(options => options.UseBookingSqlite(connectionString));
        builder.Services.AddBookingStores();
        await using var host = builder.Build();
        await DatabaseStartup.MigrateAsync(host.Services);
        return await ClientCommands.AddAsync(commandOptions, host.Services.GetRequiredService<ConfigurationStore>());
    }
}
