using Booking.Data.Auditing;
using Booking.Data.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Identity;

/// <summary>Where a staff account stands, as the staff page shows it.</summary>
public enum StaffAccountState
{
    /// <summary>Can sign in.</summary>
    Active,

    /// <summary>Added, but has not yet set a password with the link the manager gave them.</summary>
    Invited,

    /// <summary>Five wrong passwords in a row: locked for 15 minutes, or until unlocked.</summary>
    LockedOut,

    /// <summary>Disabled by a manager or the operator; cannot sign in until enabled.</summary>
    Disabled,
}

/// <summary>One member of staff on the staff page.</summary>
public sealed record StaffMember(string Id, string Email, string DisplayName, string Role, StaffAccountState State, bool TwoFactorEnabled);

/// <summary>
/// A one-time link a new or reset member of staff opens to choose their own password. The manager hands it over; it
/// is shown once and never stored (only Identity's token, bound to the account's security stamp, can be checked), so
/// a new link, a disable or a role change makes every earlier one worthless.
/// </summary>
public sealed record SetPasswordLink(string UserId, string Token);

public sealed partial class StaffAccounts
{
    /// <summary>Every member of staff, by name.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(cancellationToken);
        var roleOf = await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name })
            .ToDictionaryAsync(r => r.UserId, r => r.Name ?? "", cancellationToken);
        var members = new List<StaffMember>(accounts.Count);
        foreach (var account in accounts)
        {
            // Identity's own lockout test, so the page says "locked out" exactly when sign-in refuses for it.
            var state = IsDisabled(account) ? StaffAccountState.Disabled
                : await users.IsLockedOutAsync(account) ? StaffAccountState.LockedOut
                : account.PasswordHash is null ? StaffAccountState.Invited
                : StaffAccountState.Active;
            members.Add(new StaffMember(account.Id, account.Email ?? "", account.DisplayName, roleOf.GetValueOrDefault(account.Id, ""), state, account.TwoFactorEnabled));
        }

        return members;
    }

    /// <summary>
    /// Adds a member of staff with no password: they choose one with the returned link, so no password ever passes
    /// through the manager's hands or the audit log.
    /// </summary>
    public async Task<(StaffAccountResult Result, SetPasswordLink? Link)> InviteAsync(
        string email, string displayName, string role, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var problems = new List<string>();
        email = email.Trim();
        displayName = displayName.Trim();
        if (!StaffRoles.All.Contains(role))
        {
            problems.Add("Choose a role.");
        }

        if (displayName.Length is 0 or > StaffUser.DisplayNameMaxLength)
        {
            problems.Add($"Enter the name, 1 to {StaffUser.DisplayNameMaxLength} characters.");
        }

        if (problems.Count > 0)
        {
            return (StaffAccountResult.Refused(problems), null);
        }

        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (!await roles.RoleExistsAsync(role) && await roles.CreateAsync(new IdentityRole(role)) is { Succeeded: false } roleResult)
        {
            return (Refused(roleResult), null);
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        if (await users.CreateAsync(user) is { Succeeded: false } created)
        {
            return (Refused(created), null);
        }

        if (await users.AddToRoleAsync(user, role) is { Succeeded: false } added)
        {
            return (Refused(added), null);
        }

        var link = new SetPasswordLink(user.Id, await users.GeneratePasswordResetTokenAsync(user));
        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.invited", "StaffUser", user.Id, null, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return (StaffAccountResult.Done($"Added {email} ({displayName}) as {RoleName(role)}."), link);
    }

    /// <summary>
    /// Moves a member of staff to <paramref name="role"/> and renews their security stamp, so the sign-ins they have
    /// (made with the old role's claims) are refused at their next check. Nobody changes their own role, and the
    /// practice always keeps an enabled manager.
    /// </summary>
    public async Task<StaffAccountResult> ChangeRoleAsync(string userId, string role, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!StaffRoles.All.Contains(role))
        {
            return StaffAccountResult.Refused("Choose a role.");
        }

        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffAccountResult.Refused("That member of staff no longer exists.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role]))
        {
            return StaffAccountResult.Done($"{user.DisplayName} is already {RoleName(role)}.");
        }

        if (await KeepsAManagerProblemAsync(user, by, remainsManager: role == StaffRoles.PracticeManager) is { } problem)
        {
            return StaffAccountResult.Refused(problem);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.RemoveFromRolesAsync(user, current),
            () => users.AddToRoleAsync(user, role),
            () => users.UpdateSecurityStampAsync(user),
        })
        {
            if (await step() is { Succeeded: false } failed)
            {
                return Refused(failed);
            }
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.role-changed", "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done($"{user.DisplayName} is now {RoleName(role)}; their open pages are signed out.");
    }

    /// <summary>
    /// Removes the password of a member of staff who has forgotten it (or whose password may be known to someone else)
    /// and returns a link to choose a new one. Their sign-ins end; a disabled account stays disabled.
    /// </summary>
    public async Task<(StaffAccountResult Result, SetPasswordLink? Link)> ResetPasswordByLinkAsync(
        string userId, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return (StaffAccountResult.Refused("That member of staff no longer exists."), null);
        }

        if (by.Kind == AuditActorKind.Staff && by.Id == user.Id)
        {
            return (StaffAccountResult.Refused("Change your own password on your account page."), null);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        user.PasswordHash = null;
        if (await users.UpdateSecurityStampAsync(user) is { Succeeded: false } failed)
        {
            return (Refused(failed), null);
        }

        var link = new SetPasswordLink(user.Id, await users.GeneratePasswordResetTokenAsync(user));
        AuditLog.Record(db, clock.GetCurrentInstant(), by, "staff-user.password-reset", "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return (StaffAccountResult.Done($"{user.DisplayName}'s password is removed and their open pages are signed out; give them the link to choose a new one."), link);
    }

    /// <summary>
    /// Sets the password chosen with a <see cref="SetPasswordLink"/>. The token is checked by Identity (signed, within
    /// its lifetime, and for the account's current security stamp), so a link works once.
    /// </summary>
    public async Task<StaffAccountResult> SetPasswordWithLinkAsync(
        string userId, string token, string password, CancellationToken cancellationToken = default)
    {
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user || IsDisabled(user))
        {
            return StaffAccountResult.Refused(LinkNotValid);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            // Identity reports a bad token as the code "InvalidToken"; anything else is the password rules speaking.
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? StaffAccountResult.Refused(LinkNotValid)
                : Refused(result);
        }

        AuditLog.Record(db, clock.GetCurrentInstant(), ActingParty.Staff(user.Id, user.DisplayName), "staff-user.password-set", "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done("Your password is set. Sign in with it now.");
    }

    /// <summary>The refusal for a link that is wrong, used, replaced or out of date; it says which of those to nobody.</summary>
    public const string LinkNotValid = "This link is not valid any more: it was used, replaced by a newer one or is more than a day old. Ask your practice manager for a new one.";

    /// <summary>The readable name of a role, e.g. "practice manager".</summary>
    public static string RoleName(string role) => role switch
    {
        StaffRoles.PracticeManager => "practice manager",
        StaffRoles.Receptionist => "receptionist",
        _ => role,
    };

    // Managers manage each other, never themselves (a slip would lock them out of the page that undoes it), and the
    // practice always keeps one enabled manager. The operator's commands (a System actor) may do either: they are the
    // way back in when no manager can sign in.
    private async Task<string?> KeepsAManagerProblemAsync(StaffUser user, ActingParty by, bool remainsManager)
    {
        if (by.Kind != AuditActorKind.Staff)
        {
            return null;
        }

        if (by.Id == user.Id)
        {
            return "You cannot disable yourself or change your own role; ask another practice manager.";
        }

        if (remainsManager || !await users.IsInRoleAsync(user, StaffRoles.PracticeManager))
        {
            return null;
        }

        var enabledManagers = (await users.GetUsersInRoleAsync(StaffRoles.PracticeManager)).Count(m => !IsDisabled(m));
        return enabledManagers <= 1 ? $"{user.DisplayName} is the practice's only enabled manager; make someone else a manager first." : null;
    }
}
