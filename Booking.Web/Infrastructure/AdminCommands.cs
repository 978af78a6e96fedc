using System.CommandLine;
using System.CommandLine.Parsing;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Data.Sqlite;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Operator commands, run instead of the web app when the command line names one (see <see cref="HostArguments"/>):
/// <c>backup &lt;file&gt;</c> (online, safe while the app runs), <c>restore &lt;file&gt;</c> (stop the app first),
/// <c>clients add ...</c> (<see cref="ClientCommands"/>) and <c>staff add|disable|enable|unlock|reset-password ...</c>
/// (<see cref="StaffCommands"/>). They read the same configuration as the app (appsettings, environment variables,
/// host settings such as <c>--ConnectionStrings:Booking=...</c> anywhere on the line), so they act on the database the
/// app uses. Exit codes: 0 done, 1 refused or failed, 2 not understood (the usage is printed; nothing is changed).
/// </summary>
internal static class AdminCommands
{
    /// <summary>Who the audit log names for a change made by an operator command.</summary>
    public static readonly ActingParty Operator = ActingParty.System("command line");

    /// <summary>Runs the command the arguments name; the process exit code.</summary>
    public static async Task<int> RunAsync(
        HostArguments arguments, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var context = new CommandContext(arguments.HostSettings, input);
        var root = Root(context);
        if (arguments.Problem is { } problem)
        {
            await error.WriteLineAsync(problem);
            await WriteUsageAsync(root, [], error);
            return 2;
        }

        var result = root.Parse([.. arguments.Command]);
        if (result.Errors.Count > 0)
        {
            await WriteErrorsAsync(result, error);
            await WriteUsageAsync(root, CommandPath(result.CommandResult), error);
            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static RootCommand Root(CommandContext context)
    {
        var root = new RootCommand(
            "Booking: with no command, starts the web app. The commands act on the database the app uses; host settings " +
            "(--ConnectionStrings:Booking=..., --environment Production, --contentRoot DIR) may stand anywhere.")
        {
            BackupCommand(context),
            RestoreCommand(context),
            ClientCommands.Create(context),
            StaffCommands.Create(context),
        };
        return root;
    }

    private static Command BackupCommand(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "Where to write the copy (written beside it first, then moved into place)." };
        var backup = new Command("backup", "Copies the practice database to a file; online, safe while the app runs.") { file };
        backup.SetAction((parse, cancellationToken) => RunBackupAsync(context, parse, parse.GetRequiredValue(file), restore: false, cancellationToken));
        return backup;
    }

    private static Command RestoreCommand(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "A backup made by the backup command." };
        var restore = new Command(
            "restore",
            "Replaces the practice database with a backup; stop the app first. The current database is kept beside itself (*.before-restore-*.db).")
        {
            file,
        };
        restore.SetAction((parse, cancellationToken) => RunBackupAsync(context, parse, parse.GetRequiredValue(file), restore: true, cancellationToken));
        return restore;
    }

    private static async Task<int> RunBackupAsync(CommandContext context, ParseResult parse, string file, bool restore, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        await using var host = context.BuildHost();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync(cancellationToken);
        if (BookingDatabase.ProviderOf(db.Database) is var provider and not DatabaseProvider.Sqlite)
        {
            // A server database is backed up with the server's own tools, which also cover its other databases and logs.
            await error.WriteLineAsync(provider == DatabaseProvider.PostgreSql
                ? "backup and restore are for the SQLite database. Back up PostgreSQL with pg_dump and restore with pg_restore (README, Going live)."
                : "backup and restore are for the SQLite database. Back up SQL Server with BACKUP DATABASE and restore with RESTORE DATABASE (README, Going live).");
            return 1;
        }

        if (restore)
        {
            await output.WriteLineAsync("Restore replaces the practice database. The app must be stopped first.");
        }

        var outcome = restore
            ? await SqliteBackup.RestoreAsync(db, file, cancellationToken)
            : await SqliteBackup.BackupAsync(db, file, cancellationToken);
        await (outcome.Succeeded ? output : error).WriteLineAsync(outcome.Message);
        return outcome.Succeeded ? 0 : 1;
    }

    private static async Task WriteErrorsAsync(ParseResult result, TextWriter error)
    {
        // A staff command's stray word may be a password typed where it does not belong: never echo it.
        var secret = CommandPath(result.CommandResult).FirstOrDefault() == StaffCommands.Name;
        foreach (var parseError in result.Errors)
        {
            var message = parseError.Message;
            if (secret)
            {
                foreach (var token in result.UnmatchedTokens.Where(t => !t.StartsWith('-') || t.Contains('=', StringComparison.Ordinal)))
                {
                    message = message.Replace($"'{token}'", "(a word not shown)", StringComparison.Ordinal);
                }
            }

            await error.WriteLineAsync(message);
        }

        if (result.Tokens.Any(t => t.Value == "--password" || t.Value.StartsWith("--password=", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(
                "A password is never taken from an argument (it would stay in the shell history and the process list): " +
                "give --password-stdin and pipe it in, e.g. from a file: --password-stdin < password.txt");
        }

        await error.WriteLineAsync();
    }

    /// <summary>The usage of the command at <paramref name="path"/> (the whole tool's for an empty path), as --help prints it.</summary>
    private static async Task WriteUsageAsync(RootCommand root, IReadOnlyList<string> path, TextWriter writer) =>
        await root.Parse([.. path, "--help"]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });

    /// <summary>The names of the commands from the root down to <paramref name="command"/>, the root's own name left out.</summary>
    private static List<string> CommandPath(CommandResult command)
    {
        var path = new List<string>();
        for (var at = command; at is { Parent: not null }; at = at.Parent as CommandResult)
        {
            path.Insert(0, at.Command.Name);
        }

        return path;
    }
}

/// <summary>
/// What each command needs from the process: the host settings to build its host from (configured as the app's, never
/// started) and standard input for <c>--password-stdin</c>.
/// </summary>
internal sealed class CommandContext(IReadOnlyList<string> hostSettings, TextReader input)
{
    public TextReader Input { get; } = input;

    /// <summary>The app's database services, and with <paramref name="staffIdentity"/> its Identity set-up, for one command.</summary>
    public WebApplication BuildHost(bool staffIdentity = false)
    {
        var builder = WebApplication.CreateBuilder([.. hostSettings]);

        // Standard output is the command's answer (client_id: ..., a backup's path); the log goes to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter(category: null, LogLevel.Warning);
        builder.AddBookingDatabase();
        if (staffIdentity)
        {
            builder.AddStaffIdentity();
        }

        return builder.Build();
    }
}
