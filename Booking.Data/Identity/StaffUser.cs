using Microsoft.AspNetCore.Identity;

namespace Booking.Data.Identity;

/// <summary>A member of practice staff who signs in to the web app.</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>Longest display name accepted.</summary>
    public const int DisplayNameMaxLength = 100;

    /// <summary>The name shown in the app and in the audit log, e.g. "Alex Morgan".</summary>
    public string DisplayName { get; set; } = "";
}
