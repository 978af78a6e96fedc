using System.Text.Json;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Identity;
using Booking.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Fills an empty Development database with a demo practice and demo logins. It never runs outside
/// Development and never touches a database that already has staff in it.
/// </summary>
internal static class DemoSeeder
{
    /// <summary>Demo logins, listed in the README. Development only.</summary>
    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("manager@demo.practice", "Demo-Manager-2026!", "Alex Morgan", StaffRoles.PracticeManager, DemoManagerAuthenticatorKey),
        new("reception@demo.practice", "Demo-Reception-2026!", "Sam Taylor", StaffRoles.Receptionist),
        new("reception2@demo.practice", "Demo-Reception-2026!", "Jordan Lee", StaffRoles.Receptionist),
    ];

    /// <summary>
    /// The demo manager's authenticator secret (base32, printed in the README), fixed so that a demo or a test can add
    /// it to any authenticator app and sign in to the manager pages. Development only, like the passwords.
    /// </summary>
    public const string DemoManagerAuthenticatorKey = "BOOKINGDEMOMANAGERSECRETTOTPKEYS";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var authenticatorKeys = (IUserAuthenticatorKeyStore<StaffUser>)scope.ServiceProvider.GetRequiredService<IUserStore<StaffUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        var clock = scope.ServiceProvider.GetRequiredService<IClock>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeder));

        if (await DemoPractice.SeedAsync(dbFactory, scope.ServiceProvider.GetRequiredService<ConfigurationStore>(), clock, cancellationToken))
        {
            logger.LogInformation("Demo practice {Practice} seeded", DemoPractice.Name);
            logger.LogInformation("Demo history: {Count} past appointments", await DemoHistory.SeedAsync(dbFactory, clock, cancellationToken));
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                logger.LogInformation("Demo seed skipped: the database already has staff");
                return;
            }
        }

        foreach (var role in StaffRoles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roleManager.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        await using var auditDb = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var login in Logins)
        {
            var user = new StaffUser { UserName = login.Email, Email = login.Email, EmailConfirmed = true, DisplayName = login.DisplayName };
            EnsureSucceeded(await userManager.CreateAsync(user, login.Password), $"create {login.Email}");
            EnsureSucceeded(await userManager.AddToRoleAsync(user, login.Role), $"add {login.Email} to {login.Role}");
            if (login.AuthenticatorKey is { } key)
            {
                await authenticatorKeys.SetAuthenticatorKeyAsync(user, key, cancellationToken);
                EnsureSucceeded(await userManager.SetTwoFactorEnabledAsync(user, true), $"turn on two-factor sign-in for {login.Email}");
            }

            auditDb.AuditEntries.Add(AuditEntry.Record(
                clock.GetCurrentInstant(), AuditActorKind.System, "demo-seed", "staff-user.created", "StaffUser", user.Id,
                before: null, after: JsonSerializer.Serialize(new { login.Email, login.DisplayName, login.Role, TwoFactor = login.AuthenticatorKey is not null })));
        }

        await auditDb.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo practice seeded with {Count} demo logins", Logins.Count);
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo seed could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    internal sealed record DemoLogin(string Email, string Password, string DisplayName, string Role, string? AuthenticatorKey = null);
}
