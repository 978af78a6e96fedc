using Booking.Data.Auditing;
using Booking.Data.Storage;
using Microsoft.AspNetCore.Identity;

namespace Booking.Data.Identity;

/// <summary>What an authenticator app needs to add the account: the shared secret in base32 and the otpauth URI of the QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string OtpAuthUri);

/// <summary>
/// A member of staff's own account: their password and their two-factor sign-in. Each change renews the security stamp
/// (Identity does), so the account's other sign-ins end, and is audited with the account's state before and after
/// (never a password, a key or a recovery code).
/// </summary>
public sealed partial class StaffAccounts
{
    /// <summary>The number of one-use recovery codes handed out at a time.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The issuer an authenticator app shows beside the account.</summary>
    public const string AuthenticatorIssuer = "Booking";

    /// <summary>
    /// Changes the password after checking the current one. A wrong current password counts towards lockout like a
    /// failed sign-in: a session left open must not become a way to guess the password without limit.
    /// </summary>
    public async Task<StaffAccountResult> ChangeOwnPasswordAsync(
        string userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffAccountResult.Refused("Your account no longer exists.");
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await users.AccessFailedAsync(user);
            await write.CommitAsync(cancellationToken);
            return StaffAccountResult.Refused("The current password is not right.");
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        if (await users.ChangePasswordAsync(user, currentPassword, newPassword) is { Succeeded: false } failed)
        {
            return Refused(failed);
        }

        return await RecordOwnAsync(write, user, before, "staff-user.password-changed", "Your password is changed; your other sign-ins have ended.", cancellationToken);
    }

    /// <summary>The account's authenticator secret, made on first use; the same until <see cref="ResetAuthenticatorAsync"/>.</summary>
    public async Task<AuthenticatorSetup?> AuthenticatorSetupAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not UserManager.ResetAuthenticatorKeyAsync: that renews the security stamp, so merely opening the account
            // page would sign the user out everywhere. A key that is not turned on yet opens nothing.
            key = users.GenerateNewAuthenticatorKey();
            await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
            await ((IUserAuthenticatorKeyStore<StaffUser>)userStore).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            if (await users.UpdateAsync(user) is { Succeeded: false })
            {
                return null;
            }

            await write.CommitAsync(cancellationToken);
        }

        var label = Uri.EscapeDataString($"{AuthenticatorIssuer}:{user.Email}");
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(AuthenticatorIssuer)}&digits=6");
    }

    /// <summary>
    /// Turns two-factor sign-in on once the authenticator app shows it has the secret (a current code), and returns the
    /// recovery codes, shown once.
    /// </summary>
    public async Task<(StaffAccountResult Result, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(
        string userId, string code, CancellationToken cancellationToken = default)
    {
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return (StaffAccountResult.Refused("Your account no longer exists."), []);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, NormaliseCode(code)))
        {
            return (StaffAccountResult.Refused("That code is not right. Enter the 6-digit code your authenticator app shows now."), []);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        if (await users.SetTwoFactorEnabledAsync(user, true) is { Succeeded: false } failed)
        {
            return (Refused(failed), []);
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        var result = await RecordOwnAsync(write, user, before, "staff-user.two-factor-enabled", "Two-factor sign-in is on.", cancellationToken);
        return (result, codes);
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<(StaffAccountResult Result, IReadOnlyList<string> RecoveryCodes)> RenewRecoveryCodesAsync(
        string userId, CancellationToken cancellationToken = default)
    {
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { TwoFactorEnabled: true } user)
        {
            return (StaffAccountResult.Refused("Set up two-factor sign-in first."), []);
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        var result = await RecordOwnAsync(write, user, before, "staff-user.recovery-codes-renewed", "New recovery codes; the old ones no longer work.", cancellationToken);
        return (result, codes);
    }

    /// <summary>
    /// Forgets the authenticator (a lost or replaced phone) and turns two-factor sign-in off until a new one is set up.
    /// For a manager the manager pages are closed until then.
    /// </summary>
    public async Task<StaffAccountResult> ResetAuthenticatorAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var write = await WriteTransaction.BeginAsync(db, cancellationToken);
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffAccountResult.Refused("Your account no longer exists.");
        }

        var before = AuditLog.Snapshot(await SnapshotAsync(user));
        foreach (var step in new Func<Task<IdentityResult>>[]
        {
            () => users.SetTwoFactorEnabledAsync(user, false),
            () => users.ResetAuthenticatorKeyAsync(user),
        })
        {
            if (await step() is { Succeeded: false } failed)
            {
                return Refused(failed);
            }
        }

        return await RecordOwnAsync(write, user, before, "staff-user.authenticator-reset", "The old authenticator no longer works. Add the new key below to your app.", cancellationToken);
    }

    /// <summary>Authenticator codes are often typed with the space or dash the app shows in the middle.</summary>
    public static string NormaliseCode(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>
    /// A recovery code as Identity stored it ("3RRGY-7XPQ2": upper case, a dash after five), from what was typed: lower
    /// case, spaces, or no dash.
    /// </summary>
    public static string NormaliseRecoveryCode(string code)
    {
        var compact = NormaliseCode(code).ToUpperInvariant();
        return compact.Length == 10 ? compact[..5] + "-" + compact[5..] : compact;
    }

    private async Task<StaffAccountResult> RecordOwnAsync(
        WriteTransaction write, StaffUser user, string? before, string action, string done, CancellationToken cancellationToken)
    {
        AuditLog.Record(db, clock.GetCurrentInstant(), ActingParty.Staff(user.Id, user.DisplayName), action, "StaffUser", user.Id, before, await SnapshotAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        await write.CommitAsync(cancellationToken);
        return StaffAccountResult.Done(done);
    }
}
