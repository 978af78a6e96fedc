using System.Security.Claims;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Data.Storage;
using Booking.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
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
    /// How often an open Blazor circuit is checked against the user's security stamp. Sign-out ends the user's circuits
    /// at once (<see cref="StaffCircuits"/>); this bounds what only the database can tell a circuit: <c>staff disable</c>
    /// and <c>staff reset-password</c> run as their own process, so an open tab ends within this time after them. Ten
    /// seconds, not the template's thirty minutes or our former minute: a check is one indexed read of the user row,
    /// so even the 100 open tabs of the circuit load run (docs/performance.md) cost ten reads a second, less than the
    /// appointment book's own 15-second re-reads. Plain HTTP requests (page loads, CSV downloads) check every time.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long a set-password link works; StaffAccounts.LinkNotValid says "a day".</summary>
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromDays(1);

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
        if (BookingHost.Provider(builder) != DatabaseProvider.Sqlite)
        {
            // Several instances share a server database: each must read the keys the others made.
            dataProtection.PersistKeysToDbContext<BookingDbContext>();
        }
        else if (KeysFolder(builder) is { } keysFolder)
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

            cookie.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment);
        });
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment));

        // Every HTTP request with a staff cookie checks its security stamp (one indexed read): after sign-out, a
        // disabled account or a role change, a copied cookie opens nothing. Open circuits check every RevalidationInterval.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            // The check rebuilds the principal from the database, which knows the roles but not how this sign-in was
            // made; without this a manager's two-factor sign-in would read as password-only from the next request on.
            options.OnRefreshingPrincipal = refreshing =>
            {
                if (refreshing.CurrentPrincipal?.FindFirst(StaffPolicies.AuthenticationMethodClaim) is { } method
                    && refreshing.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == StaffPolicies.AuthenticationMethodClaim))
                {
                    identity.AddClaim(new Claim(method.Type, method.Value));
                }

                return Task.CompletedTask;
            };
        });

        // The set-password link a manager hands to a new or reset member of staff (StaffAccounts.InviteAsync).
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = SetPasswordLinkLifetime);
        services.AddIdentityCore<StaffUser>(Rules)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BookingDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<StaffCircuits>();
        services.AddScoped<CircuitHandler, StaffCircuitTracker>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffPasswordSignIn>();
        services.AddSingleton<PlaceholderPasswordHash>();
        return builder;
    }

    // Outside Development the app is reached over HTTPS (directly, or behind a TLS-terminating proxy that says so in
    // X-Forwarded-Proto, ReverseProxy.cs), so its cookies never travel in clear; `dotnet run` on plain http still works.
    private static CookieSecurePolicy SecureOutsideDevelopment(IWebHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

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
