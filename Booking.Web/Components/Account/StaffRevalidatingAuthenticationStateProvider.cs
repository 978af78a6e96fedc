using System.Security.Claims;
using Booking.Data.Identity;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Booking.Web.Components.Account;

/// <summary>
/// Re-checks an open Blazor circuit's user against the database every <see cref="StaffIdentity.RevalidationInterval"/>
/// (as the ASP.NET Core Identity template does): a circuit outlives the cookie check of the request that opened it, so
/// without this a member of staff disabled with <c>staff disable</c> would keep working in a tab left open.
/// </summary>
internal sealed class StaffRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => StaffIdentity.RevalidationInterval;

    /// <summary>
    /// Signs this circuit out now, as a failed revalidation would: the router then sends the tab to the sign-in page and
    /// every component that acts as the user sees nobody signed in (<see cref="StaffCircuits.EndSessionsOf"/>).
    /// </summary>
    public void EndSession() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A new scope: the circuit's own scope is long-lived, and the user manager caches nothing worth keeping.
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await IsStillValidAsync(userManager, authenticationState.User);
    }

    private async Task<bool> IsStillValidAsync(UserManager<StaffUser> userManager, ClaimsPrincipal principal)
    {
        // The stamp, not the lockout: disabling changes the stamp, while five wrong passwords typed by someone else
        // (a temporary lockout) must not end the real user's open session.
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
