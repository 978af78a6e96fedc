using Booking.Web.Infrastructure;
using OtpNet;

namespace Booking.Tests.TestSupport;

/// <summary>
/// What an authenticator app on a phone does: the RFC 6238 code for a base32 secret at the current time. Otp.NET is an
/// implementation independent of ASP.NET Core Identity's, so a test that signs in with it checks Identity's codes
/// against the standard rather than against themselves.
/// </summary>
public static class Authenticator
{
    /// <summary>The demo manager's secret, as the README prints it.</summary>
    public const string DemoManagerKey = DemoSeeder.DemoManagerAuthenticatorKey;

    /// <summary>The 6-digit code an app shows now for <paramref name="base32Key"/> (spaces, as the account page groups it, ignored).</summary>
    public static string CodeNow(string base32Key) =>
        new Totp(Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(DateTime.UtcNow);
}
