using Booking.Data;
using Booking.Data.Identity;
using Booking.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Staff sign-in: ASP.NET Core Identity with the practice's password and lockout rules, the sign-in cookie, and where
/// the keys that protect that cookie live. Program.cs and the <c>staff</c> commands both register it from here, so a
/// password the app would refuse is refused by <c>staff add</c> too.
/// </summary>
internal static class StaffIdentity
{
    /// <summary>The setting naming the Data Protection key folder (relative to the content root).</summary>
    public const string KeysFolderSetting = "DataProtection:KeysFolder";

    /// <summary>
    /// How often a signed-in cookie and an open Blazor circuit are checked against the user's security stamp: after
    /// <c>staff disable</c> or <c>staff reset-password</c> the old sign-ins end within this time.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>The password, lockout and user rules (README, Operations).</summary>
    public static void Rules(IdentityOptions identity)
    {
        // Identity's defaults also require a digit, a lower and an upper case letter and a symbol.
        identity.Password.RequiredLength = 12;
        identity.Lockout.MaxFailedAccessAttempts = 5;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        identity.Lockout.AllowedForNewUsers = true;
        identity.User.RequireUniqueEmail = true;
    }

    public static WebApplicationBuilder AddStaffIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataProtection = services.AddDataProtection().SetApplicationName("Booking");
        if (KeysFolder(builder) is { } keysFolder)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
            cookie.SlidingExpiration = true;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;

            // Secure whenever the request is HTTPS, which behind the reverse proxy is X-Forwarded-Proto (ReverseProxy.cs).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = RevalidationInterval);
        services.AddIdentityCore<StaffUser>(Rules)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BookingDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        services.AddScoped<StaffAccounts>();
        return builder;
    }

    /// <summary>
    /// The Data Protection key folder: <see cref="KeysFolderSetting"/>, or <c>keys</c> beside the database file. The keys
    /// protect sign-in cookies and form tokens, so they must persist with the database: kept only in memory (the
    /// default where no home folder is writable, as in a container), every restart would sign every member of staff out.
    /// Null for an in-memory database without the setting: then the keys live as long as the data, in memory.
    /// </summary>
    public static string? KeysFolder(WebApplicationBuilder builder)
    {
        if (builder.Configuration[KeysFolderSetting] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, configured));
        }

        return BookingHost.DatabaseFolder(builder) is { } databaseFolder ? Path.Combine(databaseFolder, "keys") : null;
    }
}
