using Booking.Data;
using Booking.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Operator commands run instead of the web app: <c>backup &lt;file&gt;</c> (online, safe while the app runs) and
/// <c>restore &lt;file&gt;</c> (stop the app first). They use the same configuration (appsettings, environment,
/// <c>--ConnectionStrings:Booking=...</c>) as the app, so they act on the database the app uses.
/// </summary>
internal static class AdminCommands
{
    private const string Usage = "Usage: Booking.Web backup <file> | Booking.Web restore <file>   (stop the app before a restore)";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore";

    /// <summary>Runs the command; the process exit code (0 when it succeeded).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
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
}
