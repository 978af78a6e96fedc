using System.Security.Claims;
using Booking.Data.Auditing;
using Booking.Data.Identity;
using Booking.Web.Infrastructure;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>
/// Who may do reception work (receptionists and practice managers) and who is acting. Every action asks again here on
/// the server before calling a store, so a circuit whose user lost the role cannot keep booking.
/// </summary>
internal static class ReceptionAccess
{
    /// <summary>The roles of the reception pages and endpoints, as an authorization attribute takes them.</summary>
    public const string Roles = $"{StaffRoles.Receptionist},{StaffRoles.PracticeManager}";

    /// <summary>The signed-in member of staff as the stores record them, or null when they may not do reception work.</summary>
    public static ActingParty? ActingParty(ClaimsPrincipal user)
    {
        var isStaff = user.Identity?.IsAuthenticated == true
            && (user.IsInRole(StaffRoles.Receptionist) || user.IsInRole(StaffRoles.PracticeManager));
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!isStaff || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var name = user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? id;
        return Data.Auditing.ActingParty.Staff(id, name);
    }

    /// <summary>Shown when <see cref="ActingParty"/> refuses.</summary>
    public const string NotAllowedMessage = "Your account may not do reception work any more. Sign in again or ask your practice manager.";
}
