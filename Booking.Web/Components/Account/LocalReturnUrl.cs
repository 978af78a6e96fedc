namespace Booking.Web.Components.Account;

/// <summary>Where a sign-in page may send the browser afterwards.</summary>
internal static class LocalReturnUrl
{
    /// <summary>
    /// Only local paths: an absolute URL here would let a crafted link send staff to another site after sign-in. Only
    /// visible ASCII too: the path goes into a Location header, which cannot carry anything else (our own links
    /// percent-encode; a hand-made link with a raw "é" or a control byte just goes home).
    /// </summary>
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            && returnUrl.All(c => c is >= '!' and <= '~')
            ? returnUrl
            : "/";
}
