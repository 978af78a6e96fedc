using Booking.Data.Identity;
using Booking.Tests.TestSupport;
using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Operations;

/// <summary>
/// The operator commands as Program.cs runs them (in-process, with the app's Identity set-up), against a real SQLite
/// file: usage and exit codes, host settings anywhere on the line, and the staff commands' effect on signing in.
/// </summary>
public sealed class OperatorCommandTests : IDisposable
{
    private const string Email = "pat.manager@practice.nhs.uk";
    private const string Password = "Correct-Horse-42!";
    private const string NewPassword = "Another-Horse-43?";

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private string Database => "--ConnectionStrings:Booking=" + _database.ConnectionString;

    [Theory]
    [InlineData("--help", "backup")]
    [InlineData("backup --help", "backup <file>")]
    [InlineData("restore --help", "restore <file>")]
    [InlineData("clients --help", "clients [command]")]
    [InlineData("clients add --help", "--jwks <jwks> (REQUIRED)")]
    [InlineData("staff --help", "reset-password")]
    [InlineData("staff add --help", "--role <manager|receptionist> (REQUIRED)")]
    [InlineData("staff disable --help", "--email <email> (REQUIRED)")]
    [InlineData("staff enable --help", "--email <email> (REQUIRED)")]
    [InlineData("staff unlock --help", "--email <email> (REQUIRED)")]
    [InlineData("staff --help", "unlock")]
    [InlineData("staff --help", "enable")]
    [InlineData("staff reset-password --help", "--password-stdin (REQUIRED)")]
    public async Task Help_EachCommand_PrintsItsUsageAndExitsZero(string commandLine, string usageMentions)
    {
        var run = await RunAsync(commandLine.Split(' '));

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("Usage:").And.Contain(usageMentions);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("staff")]
    [InlineData("staff remove --email pat@practice.nhs.uk")]
    [InlineData("staff add --email pat@practice.nhs.uk --name Pat --role manager --password-stdin --force")]
    [InlineData("staff add --email pat@practice.nhs.uk --name Pat --role boss --password-stdin")]
    [InlineData("staff add --email pat@practice.nhs.uk --name Pat --role manager")]
    [InlineData("staff disable")]
    [InlineData("staff unlock")]
    [InlineData("staff unlock pat@practice.nhs.uk")]
    [InlineData("staff unlock --email pat@practice.nhs.uk --force")]
    [InlineData("staff enable")]
    [InlineData("staff enable --email pat@practice.nhs.uk --password-stdin")]
    [InlineData("staff enable --email pat@practice.nhs.uk --role manager")]
    [InlineData("backup")]
    [InlineData("backup one.db two.db")]
    [InlineData("clients add --name Hub")]
    [InlineData("backup copy.db --contentRoot")]
    public async Task NotUnderstood_PrintsUsageExitsTwoAndChangesNothing(string commandLine)
    {
        var run = await RunAsync([.. commandLine.Split(' '), Database], stdin: Password);

        run.ExitCode.Should().Be(2, run.Output + run.Error);
        run.Error.Should().Contain("Usage:");
        File.Exists(_database.FilePath).Should().BeFalse("a command that was not understood opens no database");
    }

    [Theory]
    [InlineData("--password", Password)]
    [InlineData("--password=" + Password)]
    [InlineData("--password-stdin", Password)]
    public async Task StaffAdd_PasswordAsAnArgument_RefusedWithoutEchoingIt(params string[] passwordWords)
    {
        var run = await RunAsync(["staff", "add", "--email", Email, "--name", "Pat Manager", "--role", "manager", .. passwordWords, Database]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--password-stdin");
        (run.Output + run.Error).Should().NotContain(Password);
        File.Exists(_database.FilePath).Should().BeFalse();
    }

    [Fact]
    public async Task StaffAdd_StrongPassword_AddsAManagerWhoCanSignInAuditedAsTheCommandLine()
    {
        var run = await AddManagerAsync();

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain(Email).And.NotContain(Password);
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.Success);
        (await staff.Users.GetRolesAsync(await staff.UserAsync(Email))).Should().Equal(StaffRoles.PracticeManager);
        var audit = await _database.CreateContext().AuditEntries.SingleAsync();
        audit.Action.Should().Be("staff-user.created");
        audit.Actor.Should().Be("command line");
        audit.After.Should().Contain(Email).And.NotContain(Password);
    }

    [Theory]
    [InlineData(
        "--ConnectionStrings:Booking={db}", "--environment", "Production", "staff", "add", "--role", "receptionist", "--password-stdin",
        "--name", "Sam Desk", "--email", "sam@practice.nhs.uk")]
    [InlineData("staff", "add", "--password-stdin", "--ConnectionStrings:Booking", "{db}", "--email", "sam@practice.nhs.uk", "--name", "Sam Desk", "--role", "receptionist")]
    [InlineData("staff", "add", "--email=sam@practice.nhs.uk", "--name=Sam Desk", "--role=receptionist", "--password-stdin", "--ConnectionStrings:Booking={db}")]
    public async Task StaffAdd_HostSettingsAndOptionsInAnyOrder_AddToTheConfiguredDatabase(params string[] words)
    {
        var run = await RunAsync([.. words.Select(w => w.Replace("{db}", _database.ConnectionString, StringComparison.Ordinal))], stdin: Password);

        run.ExitCode.Should().Be(0, run.Error);
        await using var staff = OpenStaff();
        (await staff.SignInAsync("sam@practice.nhs.uk", Password)).Should().Be(SignInResult.Success);
    }

    [Theory]
    [InlineData("short", "Passwords must be at least 12 characters.")]
    [InlineData("alllowercase-but-long", "Passwords must have at least one uppercase ('A'-'Z').")]
    [InlineData("NoSymbolsHere2026", "Passwords must have at least one non alphanumeric character.")]
    public async Task StaffAdd_WeakPassword_RefusedWithIdentitysReasonsExitOneNothingStored(string weak, string reason)
    {
        var run = await AddManagerAsync(weak);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain(reason);
        await using var db = _database.CreateContext();
        (await db.Users.AnyAsync()).Should().BeFalse();
        (await db.AuditEntries.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task StaffAdd_NothingOnStandardInput_RefusedExitOne()
    {
        var run = await AddManagerAsync(password: "");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("standard input");
    }

    [Fact]
    public async Task StaffAdd_EmailAlreadyTaken_RefusedExitOne()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);

        var again = await AddManagerAsync();

        again.ExitCode.Should().Be(1);
        again.Error.Should().Contain("already taken");
    }

    [Fact]
    public async Task StaffDisable_ExistingUser_CannotSignInStampRenewedAudited()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);
        var stampBefore = await StampAsync();

        var run = await RunAsync(["staff", "disable", "--email", Email, Database]);

        run.ExitCode.Should().Be(0, run.Error);
        await using var staff = OpenStaff();
        var user = await staff.UserAsync(Email);
        (await staff.Users.IsLockedOutAsync(user)).Should().BeTrue();
        user.LockoutEnd.Should().Be(DateTimeOffset.MaxValue);
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.LockedOut);
        (await StampAsync()).Should().NotBe(stampBefore, "a new stamp ends the sessions the account has");
        var audit = await _database.CreateContext().AuditEntries.OrderBy(e => e.Id).LastAsync();
        audit.Action.Should().Be("staff-user.disabled");
        audit.Actor.Should().Be("command line");
        audit.After.Should().Contain("\"disabled\":true");
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("unlock")]
    public async Task StaffDisableEnableUnlock_UnknownEmail_RefusedExitOne(string command)
    {
        var run = await RunAsync(["staff", command, "--email", "nobody@practice.nhs.uk", Database]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("nobody@practice.nhs.uk");
    }

    [Fact]
    public async Task StaffUnlock_LockedOutAfterFailures_SignsInAtOnceAudited()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);
        await using (var locking = OpenStaff())
        {
            await locking.LockOutAsync(Email);
        }

        var run = await RunAsync(["staff", "unlock", "--email", Email, Database]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("Unlocked " + Email);
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.Success);
        (await staff.UserAsync(Email)).AccessFailedCount.Should().Be(0);
        var audit = await _database.CreateContext().AuditEntries.OrderBy(e => e.Id).LastAsync();
        audit.Action.Should().Be("staff-user.unlocked");
        audit.Actor.Should().Be("command line");
        audit.Before.Should().Contain("\"lockedOut\":true");
        audit.After.Should().Contain("\"lockedOut\":false");
    }

    [Fact]
    public async Task StaffUnlock_NotLockedOut_SaysSoExitZeroNothingAudited()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);

        var run = await RunAsync(["staff", "unlock", "--email", Email, Database]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("was not locked out");
        (await _database.CreateContext().AuditEntries.CountAsync()).Should().Be(1, "only the account's creation is audited");
    }

    [Fact]
    public async Task StaffUnlock_DisabledAccount_RefusedNamingEnableStaysDisabled()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);
        (await RunAsync(["staff", "disable", "--email", Email, Database])).ExitCode.Should().Be(0);

        var run = await RunAsync(["staff", "unlock", "--email", Email, Database]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("staff enable --email " + Email);
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.LockedOut);
    }

    [Fact]
    public async Task StaffEnable_DisabledAccount_SignsInAgainAuditedStampKept()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);
        (await RunAsync(["staff", "disable", "--email", Email, Database])).ExitCode.Should().Be(0);
        var stampWhileDisabled = await StampAsync();

        var run = await RunAsync(["staff", "enable", Database, "--email", Email]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("Enabled " + Email);
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.Success);
        (await StampAsync()).Should().Be(stampWhileDisabled, "the sessions ended by disabling stay ended");
        var audit = await _database.CreateContext().AuditEntries.OrderBy(e => e.Id).LastAsync();
        audit.Action.Should().Be("staff-user.enabled");
        audit.Actor.Should().Be("command line");
        audit.Before.Should().Contain("\"disabled\":true");
        audit.After.Should().Contain("\"disabled\":false");
    }

    [Fact]
    public async Task StaffEnable_NotDisabled_SaysSoExitZeroNothingAudited()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);

        var run = await RunAsync(["staff", "enable", "--email", Email, Database]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("was not disabled");
        (await _database.CreateContext().AuditEntries.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task StaffResetPassword_StrongPassword_NewOneSignsInOldOneDoesNotStampRenewedAudited()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);
        var stampBefore = await StampAsync();

        var run = await RunAsync(["staff", "reset-password", "--password-stdin", Database, "--email", Email], stdin: NewPassword);

        run.ExitCode.Should().Be(0, run.Error);
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, NewPassword)).Should().Be(SignInResult.Success);
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.Failed);
        (await StampAsync()).Should().NotBe(stampBefore);
        (await _database.CreateContext().AuditEntries.OrderBy(e => e.Id).LastAsync()).Action.Should().Be("staff-user.password-reset");
    }

    [Fact]
    public async Task StaffResetPassword_WeakPassword_RefusedOldPasswordStillWorks()
    {
        (await AddManagerAsync()).ExitCode.Should().Be(0);

        var run = await RunAsync(["staff", "reset-password", "--email", Email, "--password-stdin", Database], stdin: "weak");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("Passwords must be at least 12 characters.");
        await using var staff = OpenStaff();
        (await staff.SignInAsync(Email, Password)).Should().Be(SignInResult.Success);
        (await _database.CreateContext().AuditEntries.CountAsync()).Should().Be(1, "only the account's creation is audited");
    }

    [Fact]
    public async Task Backup_HostSettingBeforeTheCommand_CopiesTheConfiguredDatabase()
    {
        await _database.MigrateAsync();
        var copy = Path.Combine(_database.Folder, "copy.db");

        var run = await RunAsync([Database, "backup", copy]);

        run.ExitCode.Should().Be(0, run.Error);
        File.Exists(copy).Should().BeTrue();
    }

    private Task<CommandRun> AddManagerAsync(string password = Password) =>
        RunAsync(["staff", "add", "--email", Email, "--name", "Pat Manager", "--role", "manager", "--password-stdin", Database], stdin: password);

    private static async Task<CommandRun> RunAsync(string[] args, string stdin = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AdminCommands.RunAsync(HostArguments.Split(args), output, error, new StringReader(stdin));
        return new CommandRun(exitCode, output.ToString(), error.ToString());
    }

    private async Task<string?> StampAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Users.SingleAsync(u => u.Email == Email)).SecurityStamp;
    }

    /// <summary>The app's own Identity services (the same registration the commands and Program.cs use) on the test database.</summary>
    private Staff OpenStaff()
    {
        var host = new CommandContext([Database], TextReader.Null).BuildHost(staffIdentity: true);
        return new Staff(host, host.Services.CreateAsyncScope());
    }

    private sealed record CommandRun(int ExitCode, string Output, string Error);

    private sealed class Staff(IAsyncDisposable host, AsyncServiceScope scope) : IAsyncDisposable
    {
        public UserManager<StaffUser> Users => scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        public async Task<StaffUser> UserAsync(string email) =>
            await Users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");

        /// <summary>The password check of the sign-in page (lockout included), without the cookie.</summary>
        public async Task<SignInResult> SignInAsync(string email, string password) =>
            await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>()
                .CheckPasswordSignInAsync(await UserAsync(email), password, lockoutOnFailure: false);

        /// <summary>Fails the password check as often as the lockout rule allows, as someone guessing would.</summary>
        public async Task LockOutAsync(string email)
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
            var user = await UserAsync(email);
            for (var attempt = 0; attempt < 10 && !await Users.IsLockedOutAsync(user); attempt++)
            {
                await signIn.CheckPasswordSignInAsync(user, "Wrong-Horse-00!", lockoutOnFailure: true);
            }

            (await Users.IsLockedOutAsync(user)).Should().BeTrue();
        }

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await host.DisposeAsync();
        }
    }
}
