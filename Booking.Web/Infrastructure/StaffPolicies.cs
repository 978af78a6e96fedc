using System.Security.Claims;
using Booking.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Booking.Web.Infrastructure;

/// <summary>
/// The authorization policies of the staff pages. Setting up the practice, managing staff and reading the audit log
/// change what every patient and colleague sees, so a manager's password alone does not open them: the sign-in must
/// have had its second factor too.
/// </summary>
internal static class StaffPolicies
{
    /// <summary>A practice manager whose sign-in included an authenticator or recovery code.</summary>
    public const string ManagerWithTwoFactor = nameof(ManagerWithTwoFactor);

    /// <summary>
    /// The claim Identity's <c>SignInManager</c> adds to a sign-in with a second factor (RFC 8176's "amr", value
    /// "mfa"); a password-only sign-in carries "pwd".
    /// </summary>
    public const string AuthenticationMethodClaim = "amr";

    public const string MultiFactor = "mfa";

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(ManagerWithTwoFactor, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles.PracticeManager)
            .RequireClaim(AuthenticationMethodClaim, MultiFactor));

    /// <summary>True when this sign-in included a second factor.</summary>
    public static bool HasSecondFactor(ClaimsPrincipal user) => user.HasClaim(AuthenticationMethodClaim, MultiFactor);
}
