using Booking.Data;
using Booking.Data.Identity;
using Booking.Data.Sqlite;
using Booking.Web.Components;
using Booking.Web.Components.Account;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Components.Pages.Audit;
using Booking.Web.Components.Pages.Manage.Reports;
using Booking.Web.Fhir;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Radzen;

if (AdminCommands.IsCommand(args))
{
    Environment.ExitCode = await AdminCommands.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// The system clock; in Development, Booking:FixedNow starts it at a chosen practice time (demos, browser tests).
builder.Services.AddSingleton(ShiftedClock.FromConfiguration(builder.Configuration, builder.Environment));

var connectionString = SqliteSetup.ResolveConnectionString(
    builder.Configuration.GetConnectionString("Booking")
        ?? throw new InvalidOperationException("Connection string 'Booking' is not configured."),
    builder.Environment.ContentRootPath);
builder.Services.AddDbContextFactory<BookingDbContext>(options => options.UseBookingSqlite(connectionString));
builder.Services.AddBookingStores();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, StaffSessionRevalidation>();
// Every HTTP request with a staff cookie checks its security stamp (one indexed read): after sign-out, a disabled
// account or a role change, a copied cookie opens nothing. Open circuits check on their own interval.
builder.Services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);

builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.LoginPath = "/Account/Login";
    cookie.AccessDeniedPath = "/Account/AccessDenied";
    cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
    cookie.SlidingExpiration = true;
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Strict;
    cookie.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment);
});
builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment));
builder.Services.AddIdentityCore<StaffUser>(identity =>
    {
        identity.Password.RequiredLength = 12;
        identity.Lockout.MaxFailedAccessAttempts = 5;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        identity.Lockout.AllowedForNewUsers = true;
        identity.User.RequireUniqueEmail = true;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<BookingDbContext>()
    .AddSignInManager()
    .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
    .AddDefaultTokenProviders();

// Every endpoint requires a signed-in user unless it opts out (sign-in, health).
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

builder.Services.AddFhirFacade(builder.Configuration);
builder.Services.AddSignInThrottle(builder.Configuration);

// No "Server: Kestrel" banner; HSTS for a year once a browser has seen the site over HTTPS.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddHsts(hsts =>
{
    hsts.MaxAge = TimeSpan.FromDays(365);
    hsts.IncludeSubDomains = true;
});

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await DatabaseStartup.MigrateAsync(app.Services);
if (app.Environment.IsDevelopment())
{
    await DemoSeeder.SeedAsync(app.Services);
}

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseFhirPipeline();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Scripts, styles and images are public: the sign-in page needs them before anyone has signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAccountEndpoints();
app.MapFhir();
app.MapDayListCsv();
app.MapReportCsv();
app.MapAuditCsv();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

// Outside Development the app is served over HTTPS (directly or behind a TLS-terminating proxy that says so in
// X-Forwarded-Proto), so its cookies never travel in clear; `dotnet run` on plain http keeps working.
static CookieSecurePolicy SecureOutsideDevelopment(IWebHostEnvironment environment) =>
    environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

/// <summary>Entry point; public so WebApplicationFactory can reach it.</summary>
public partial class Program;
