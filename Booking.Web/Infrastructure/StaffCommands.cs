using System.CommandLine;
using System.Text;
using Booking.Data.Identity;

namespace Booking.Web.Infrastructure;

/// <summary>
/// <c>staff add --email E --name N --role manager|receptionist --password-stdin</c>, <c>staff disable --email E</c>,
/// <c>staff enable --email E</c>, <c>staff unlock --email E</c> and <c>staff reset-password --email E --password-stdin</c>:
/// staff accounts without the web app, e.g. the first practice manager of a new database, or the way out of a lockout
/// that the sign-in page names. Passwords come only from standard input (one line), never from an argument, and must
/// pass the app's own rules (<see cref="StaffIdentity.Rules"/>); each change is audited as the command line.
/// </summary>
internal static class StaffCommands
{
    public const string Name = "staff";

    private static readonly Dictionary<string, string> Roles = new(StringComparer.Ordinal)
    {
        ["manager"] = StaffRoles.PracticeManager,
        ["receptionist"] = StaffRoles.Receptionist,
    };

    public static Command Create(CommandContext context) =>
        new(Name, "Staff accounts: add one, disable or enable one, unlock one, set a new password.")
        {
            AddCommand(context),
            DisableCommand(context),
            EmailOnlyCommand(
                context,
                "enable",
                "Enables a disabled account: it can sign in again with its password.",
                "The email of the member of staff to enable.",
                (accounts, email, cancellationToken) => accounts.EnableAsync(email, AdminCommands.Operator, cancellationToken)),
            EmailOnlyCommand(
                context,
                "unlock",
                "Ends a lockout after failed sign-ins: the account can sign in at once.",
                "The email of the member of staff to unlock.",
                (accounts, email, cancellationToken) => accounts.UnlockAsync(email, AdminCommands.Operator, cancellationToken)),
            ResetPasswordCommand(context),
        };

    private static Command AddCommand(CommandContext context)
    {
        var email = EmailOption("The new member of staff's email; they sign in with it.");
        var name = new Option<string>("--name") { Description = "Their name as the app and the audit log show it.", Required = true };
        var role = new Option<string>("--role") { Description = "manager (practice manager) or receptionist.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.Keys]);
        var passwordStdin = PasswordStdinOption();
        var add = new Command("add", "Adds a member of staff who can sign in at once.") { email, name, role, passwordStdin };
        RequireFlag(add, passwordStdin);
        add.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse,
            withPassword: true,
            (accounts, password) => accounts.AddAsync(
                parse.GetRequiredValue(email), parse.GetRequiredValue(name), Roles[parse.GetRequiredValue(role)], password,
                AdminCommands.Operator, cancellationToken),
            cancellationToken));
        return add;
    }

    private static Command DisableCommand(CommandContext context) =>
        EmailOnlyCommand(
            context,
            "disable",
            $"Disables an account: it cannot sign in, and its open sessions end within {StaffIdentity.RevalidationInterval.TotalSeconds:0} seconds.",
            "The email of the member of staff to disable.",
            (accounts, email, cancellationToken) => accounts.DisableAsync(email, AdminCommands.Operator, cancellationToken));

    // disable, enable and unlock: one account named by --email, nothing else accepted.
    private static Command EmailOnlyCommand(
        CommandContext context, string name, string description, string emailDescription,
        Func<StaffAccounts, string, CancellationToken, Task<StaffAccountResult>> change)
    {
        var email = EmailOption(emailDescription);
        var command = new Command(name, description) { email };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse,
            withPassword: false,
            (accounts, _) => change(accounts, parse.GetRequiredValue(email), cancellationToken),
            cancellationToken));
        return command;
    }

    private static Command ResetPasswordCommand(CommandContext context)
    {
        var email = EmailOption("The email of the member of staff.");
        var passwordStdin = PasswordStdinOption();
        var reset = new Command("reset-password", $"Sets a new password; sessions signed in with the old one end within {StaffIdentity.RevalidationInterval.TotalSeconds:0} seconds.") { email, passwordStdin };
        RequireFlag(reset, passwordStdin);
        reset.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse,
            withPassword: true,
            (accounts, password) => accounts.ResetPasswordAsync(parse.GetRequiredValue(email), password, AdminCommands.Operator, cancellationToken),
            cancellationToken));
        return reset;
    }

    private static Option<string> EmailOption(string description) => new("--email") { Description = description, Required = true };

    // A flag with no value: "--password-stdin hunter2" leaves hunter2 over, which is refused (and not echoed).
    private static Option<bool> PasswordStdinOption() => new("--password-stdin")
    {
        Description = "Read the password from standard input (one line), e.g. --password-stdin < file. Required: never an argument.",
        Required = true,
        Arity = ArgumentArity.Zero,
    };

    // Required alone does not refuse a missing flag (a bool option has a value either way), so the command checks it.
    private static void RequireFlag(Command command, Option<bool> flag) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(flag) is null)
            {
                result.AddError($"Option '{flag.Name}' is required.");
            }
        });

    private static async Task<int> RunAsync(
        CommandContext context, ParseResult parse, bool withPassword, Func<StaffAccounts, string, Task<StaffAccountResult>> change,
        CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        string? password = null;
        if (withPassword)
        {
            password = await ReadPasswordAsync(context.Input, error);
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync("No password on standard input: give it as one line, e.g. --password-stdin < password.txt");
                return 1;
            }
        }

        await using var host = context.BuildHost(staffIdentity: true);
        await DatabaseStartup.MigrateAsync(host.Services, cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await change(scope.ServiceProvider.GetRequiredService<StaffAccounts>(), password ?? "");
        foreach (var message in result.Messages)
        {
            await (result.Succeeded ? output : error).WriteLineAsync(message);
        }

        return result.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// One line from standard input. At a terminal it prompts and reads without echo; piped or redirected, it reads the
    /// first line (a trailing carriage return is dropped with the line end).
    /// </summary>
    private static async Task<string?> ReadPasswordAsync(TextReader input, TextWriter error)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return await input.ReadLineAsync();
        }

        await error.WriteAsync("Password (not shown): ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        await error.WriteLineAsync();
        return password.ToString();
    }
}
