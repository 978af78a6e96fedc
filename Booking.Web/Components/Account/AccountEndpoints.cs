using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Booking.Web.Components.Account;

/// <summary>Account actions that are plain HTTP endpoints because they must change the auth cookie.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // Binding a form field makes the endpoint validate the antiforgery token (a cross-site form
        // cannot sign staff out). The return URL lets the next person sign in straight back to the page.
        account.MapPost("/Logout", async (
            SignInManager<StaffUser> signInManager, StaffCircuits circuits, HttpContext http, [FromForm] string? returnUrl) =>
        {
            // A new security stamp refuses every copy of the cookie, not only this one; the user's open tabs are signed
            // out at once rather than at their next revalidation.
            if (await signInManager.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
                circuits.EndSessionsOf(user.Id);
            }

            await signInManager.SignOutAsync();
            var query = string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl);
            return TypedResults.LocalRedirect("~/Account/Login" + query);
        });

        return account;
    }
}
