using System.Security.Claims;
using Booking.Data.Identity;
using Booking.Web.Infrastructure;

namespace Booking.Web.Components.Pages.Manage;

/// <summary>
/// Who may change how the practice is set up (practice managers signed in with a second factor) and who is acting. Every save asks again here
/// on the server before calling a store, so a circuit whose user lost the role cannot keep changing the rota.
/// </summary>
internal static class ManagerAccess
{
    /// <summary>The policy of the management pages, as an authorization attribute takes it.</summary>
    public const string Policy = StaffPolicies.ManagerWithTwoFactor;

    /// <summary>The signed-in practice manager as the stores record them, or null when they may not change the set-up.</summary>
    public static Data.Auditing.ActingParty? ActingParty(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(StaffRoles.PracticeManager) || !StaffPolicies.HasSecondFactor(user)
            || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var name = user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? id;
        return Data.Auditing.ActingParty.Staff(id, name);
    }

    /// <summary>Shown when <see cref="ActingParty"/> refuses.</summary>
    public const string NotAllowedMessage = "Your account may not change the practice set-up any more. Sign in again or ask another practice manager.";
}
