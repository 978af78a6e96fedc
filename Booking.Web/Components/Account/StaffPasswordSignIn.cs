using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace Booking.Web.Components.Account;

/// <summary>
/// The sign-in page's password check, built so that a failure tells an anonymous caller nothing about the account.
/// Identity's own <see cref="SignInManager{TUser}.PasswordSignInAsync(string, string, bool, bool)"/> answers at once
/// for an unknown email and for a locked or disabled account, but spends a password hash (tens of milliseconds by
/// design) on a wrong password, so the time taken says which emails are staff accounts and which are locked. Here
/// every attempt verifies one hash: the account's own, or a placeholder's when there is no account. The caller shows
/// one message for every failure; only the log (never seen by the caller) says why.
/// </summary>
internal sealed class StaffPasswordSignIn(SignInManager<StaffUser> signInManager, PlaceholderPasswordHash placeholder, ILogger<StaffPasswordSignIn> logger)
{
    /// <summary>
    /// Signed in (the cookie is set), the password was right and the account now needs its second factor (a short-lived
    /// cookie names the account to the two-factor page), or refused for every kind of failure alike.
    /// </summary>
    public async Task<PasswordSignInOutcome> SignInAsync(string email, string password)
    {
        var users = signInManager.UserManager;
        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), placeholder.Get(users.PasswordHasher), password);
            logger.LogInformation("Sign-in refused: no such account");
            return PasswordSignInOutcome.Refused;
        }

        if (!await signInManager.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            // The hash is checked and its answer ignored: even the right password does not sign a locked account in, and
            // the failure count is left alone so a locked account's lockout does not grow.
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? placeholder.Get(users.PasswordHasher), password);
            logger.LogWarning("Sign-in refused: account {UserId} is locked out or disabled", user.Id);
            return PasswordSignInOutcome.Refused;
        }

        // Failures count towards lockout (StaffIdentity.Rules: five in a row lock the account for 15 minutes).
        var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {UserId} locked out by this failure", user.Id);
        }

        return result.Succeeded ? PasswordSignInOutcome.SignedIn
            : result.RequiresTwoFactor ? PasswordSignInOutcome.SecondFactorRequired
            : PasswordSignInOutcome.Refused;
    }
}

/// <summary>What the password step of signing in came to.</summary>
internal enum PasswordSignInOutcome
{
    Refused,
    SignedIn,
    SecondFactorRequired,
}

/// <summary>
/// A hash of a random password made once per app by its own <see cref="IPasswordHasher{TUser}"/>, so verifying
/// against it costs what verifying a real account's hash costs (same algorithm, same iteration count).
/// </summary>
internal sealed class PlaceholderPasswordHash
{
    private string? _hash;

    public string Get(IPasswordHasher<StaffUser> hasher) =>
        // Two first callers may both make one; either hash serves.
        _hash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
}
