using Booking.Data.Auditing;
using Booking.Data.Storage;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Booking.Data.Identity;

/// <summary>The result of a staff account change: done (with a sentence for the operator), or refused with the reasons.</summary>
public sealed record StaffAccountResult
{
    private StaffAccountResult(bool succeeded, IReadOnlyList<string> messages)
    {
        Succeeded = succeeded;
        Messages = messages;
    }

    public bool Succeeded { get; }

    /// <summary>What was done, or each reason it was refused (Identity's own descriptions for a weak password).</summary>
    public IReadOnlyList<string> Messages { get; }

    internal static StaffAccountResult Done(string message) => new(true, [message]);

    internal static StaffAccountResult Refused(params IEnumerable<string> reasons) => new(false, [.. reasons]);

    /// <summary>The one sentence of a refusal or success, for a form that shows one message.</summary>
    public string Message => string.Join(" ", Messages);
}

/// <summary>
/// Creates, disables, enables, unlocks and resets the password of staff accounts (ASP.NET Core Identity users) outside the web app, for
/// the operator's <c>staff</c> commands. Each change and its audit entry are committed in one write transaction, so
/// an account never changes unaudited. Passwords go through the registered Identity validators (the app's rules) and
/// are never logged or audited. Scoped: it uses the scope's <see cref="UserManager{TUser}"/> and its context.
/// </summary>
public sealed partial class StaffAccounts(
    UserManager<StaffUser> users, IUserStore<StaffUser> userStore, RoleManager<IdentityRole> roles, BookingDbContext db, IClock clock)
{
    /// <summary>Adds a member of staff in <paramref name="role"/> (one of <see cref="StaffRoles.All"/>) who can sign in at once.</summary>
    public async Task<StaffAccountResult> AddAsync(
        string email, string displayName, string role, string password, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!StaffRoles.All.Contains(role))
        {
            return StaffAccountResult.Refused($"There is no role {role}.");
        }

        displayName = displayName.Trim();
        if (displayName.Length is 0 or > StaffUser.DisplayNameMaxLength)
        {
            return StaffAccountResult.Refused($"The name must be 1 to {StaffUser.DisplayNameMaxLength} characters.");
        }

        email = email.Trim();
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (!await roles.RoleExistsAsync(role) && await roles.CreateAsync(new IdentityRole(role)) is { Succeeded: false } roleResult)
        {
            return Refused(roleResult);
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        if (await users.CreateAsync(user, password) is { Succeeded: false } created)
        {
            return Refused(created);
        }

        if (await users.AddToRoleAsync(user, role) is { Succeeded: false } added)
        {
            return Refused(added);
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.created", "StaffUser", user.Id, null, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done($"Added {email} ({displayName}) as {role}.");
    }

    /// <summary>
    /// Disables the account: locked out for good (lockout end at the maximum date) and its security stamp renewed, so
    /// the sign-ins it has are refused at their next check (<c>StaffIdentity.RevalidationInterval</c> in the app).
    /// </summary>
    public async Task<StaffAccountResult> DisableAsync(string email, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return StaffAccountResult.Refused($"No member of staff has the email {email}.");
        }

        if (IsDisabled(user))
        {
            return StaffAccountResult.Done($"{user.Email} was already disabled.");
        }

        if (await KeepsAManagerProblemAsync(user, by, remainsManager: false) is { } problem)
        {
            return StaffAccountResult.Refused(problem);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.SetLockoutEnabledAsync(user, true),
            () => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue),
            () => users.UpdateSecurityStampAsync(user),
        })
        {
            if (await step() is { Succeeded: false } failed)
            {
                return Refused(failed);
            }
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.disabled", "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done($"Disabled {user.Email}; copies of its sign-in are refused now and its open pages end within seconds.");
    }

    /// <summary>
    /// Ends a lockout after failed sign-ins (<c>StaffIdentity.Rules</c>: five in a row lock an account for 15 minutes) and
    /// clears the failure count, so the member of staff can sign in at once. A disabled account is refused: enabling
    /// it is <see cref="EnableAsync"/>, a separate decision with its own audit entry.
    /// </summary>
    public async Task<StaffAccountResult> UnlockAsync(string email, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return StaffAccountResult.Refused($"No member of staff has the email {email}.");
        }

        if (IsDisabled(user))
        {
            return StaffAccountResult.Refused($"{user.Email} is disabled, not locked out: staff enable --email {user.Email} enables it.");
        }

        if (!await users.IsLockedOutAsync(user))
        {
            return StaffAccountResult.Done($"{user.Email} was not locked out.");
        }

        return await ClearLockoutAsync(write, user, "staff-user.unlocked", by, $"Unlocked {user.Email}; it can sign in now.", cancellationToken);
    }

    /// <summary>
    /// Enables an account disabled by <see cref="DisableAsync"/>: it can sign in again with its password. The sessions
    /// it had before it was disabled stay ended (disabling renewed its security stamp).
    /// </summary>
    public async Task<StaffAccountResult> EnableAsync(string email, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return StaffAccountResult.Refused($"No member of staff has the email {email}.");
        }

        if (!IsDisabled(user))
        {
            return StaffAccountResult.Done($"{user.Email} was not disabled.");
        }

        return await ClearLockoutAsync(write, user, "staff-user.enabled", by, $"Enabled {user.Email}; it can sign in again.", cancellationToken);
    }

    /// <summary>
    /// Sets a new password (checked by the app's rules) and renews the security stamp, so sign-ins made with the old
    /// password end. A disabled account stays disabled.
    /// </summary>
    public async Task<StaffAccountResult> ResetPasswordAsync(string email, string password, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return StaffAccountResult.Refused($"No member of staff has the email {email}.");
        }

        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            return StaffAccountResult.Refused(problems);
        }

        // The hash and the new stamp are saved together by UpdateSecurityStampAsync (one update of the user row).
        var snapshot = AuditLog.Snapshot(await SnapshotAsync(user));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
        {
            return Refused(failed);
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.password-reset", "StaffUser", user.Id, snapshot, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done($"Set a new password for {user.Email}; copies of its other sign-ins are refused now and their open pages end within seconds.");
    }

    // The lockout end, the failure count and the audit entry commit together in the caller's write transaction.
    private async Task<StaffAccountResult> ClearLockoutAsync(
        WriteTransaction write, StaffUser user, string action, ActingParty by, string done, CancellationToken cancellationToken)
    {
        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.SetLockoutEndDateAsync(user, null),
            () => users.ResetAccessFailedCountAsync(user),
        })
        {
            if (await step() is { Succeeded: false } failed)
            {
                return Refused(failed);
            }
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), by, action, "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done(done);
    }

    /// <summary>Disabled by <see cref="DisableAsync"/>: locked out until the end of time, not for the 15 minutes after five failures.</summary>
    public static bool IsDisabled(StaffUser user) =>
        user.LockoutEnabled && user.LockoutEnd is { } end && end >= DateTimeOffset.MaxValue.AddYears(-1);

    private static StaffAccountResult Refused(IdentityResult result) => StaffAccountResult.Refused(result.Errors.Select(e => e.Description));

    // What the audit log keeps of an account: never the password hash or the stamp.
    private async Task<StaffSnapshot> SnapshotAsync(StaffUser user) =>
        new(user.Email ?? "", user.DisplayName, string.Join(", ", await users.GetRolesAsync(user)), IsDisabled(user), await users.IsLockedOutAsync(user),
            PasswordSet: user.PasswordHash is not null, TwoFactor: user.TwoFactorEnabled);

    private sealed record StaffSnapshot(string Email, string DisplayName, string Roles, bool Disabled, bool LockedOut, bool PasswordSet, bool TwoFactor);
}
