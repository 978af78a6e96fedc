using System.Security.Claims;
using Booking.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Booking.Web.Components.Account;

/// <summary>
/// Ends open pages of a member of staff whose sign-in no longer holds: signed out elsewhere, disabled, locked out,
/// given another role or a new password (each of these changes the security stamp). A Blazor circuit keeps the
/// principal it started with, so without this an open tab would go on working after sign-out. Every
/// <see cref="RevalidationInterval"/> the stamp in the circuit's principal is compared with the stored one; on a
/// mismatch the circuit's user becomes anonymous and the router sends the page to the sign-in form.
/// </summary>
internal sealed class StaffSessionRevalidation(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identityOptions, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>How often an open page checks its sign-in, unless <c>Security:Session:RevalidationSeconds</c> says otherwise.</summary>
    public const int DefaultRevalidationSeconds = 20;

    protected override TimeSpan RevalidationInterval { get; } =
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Security:Session:RevalidationSeconds", DefaultRevalidationSeconds)));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await IsStillValidAsync(users, authenticationState.User, identityOptions.Value);
    }

    /// <summary>Whether <paramref name="principal"/> still matches a stored, unlocked user with the same security stamp.</summary>
    public static async Task<bool> IsStillValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        var stampInPrincipal = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stampInPrincipal is not null && stampInPrincipal == await users.GetSecurityStampAsync(user);
    }
}
