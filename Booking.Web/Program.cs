using System.Globalization;
using Booking.Data.Storage;
using Booking.Web.Components;
using Booking.Web.Components.Account;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Components.Pages.Audit;
using Booking.Web.Components.Pages.Manage.Reports;
using Booking.Web.Fhir;
using Booking.Web.Fhir.Security;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using MudBlazor.Services;

// The first word that is not a host setting (--ConnectionStrings:Booking=..., --environment X, --contentRoot DIR)
// names an operator command; with none, the web app starts. An unknown word is an error, never a web server.
var commandLine = HostArguments.Split(args);
if (commandLine.IsCommand)
{
    Environment.ExitCode = await AdminCommands.RunAsync(commandLine, Console.Out, Console.Error, Console.In);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Every date and time on the staff pages is British (01/12/2026, 14:30), whatever the browser asks for:
// en-GB is the only request culture, and the default for threads the request does not set (circuits, timers).
var british = CultureInfo.GetCultureInfo("en-GB");
CultureInfo.DefaultThreadCurrentCulture = british;
CultureInfo.DefaultThreadCurrentUICulture = british;

// Links, token audiences and the allowed Host come from the configured public address, never from the request.
if (PublicAddress.Problem(builder.Configuration, builder.Environment) is { } addressProblem)
{
    Console.Error.WriteLine(addressProblem);
    Environment.ExitCode = 1;
    return;
}

PublicAddress.AddPublicAddress(builder);

// The system clock (in Development, Booking:FixedNow starts it at a chosen practice time), the database and the stores.
builder.AddBookingDatabase();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCascadingAuthenticationState();

// Identity with the password and lockout rules, the sign-in cookie and its persisted keys; the staff commands share it.
builder.AddStaffIdentity();

// TLS ends at the reverse proxy: X-Forwarded-Proto and X-Forwarded-For from it are believed (ReverseProxy.cs).
builder.Services.AddReverseProxySupport(builder.Configuration);

// Every endpoint requires a signed-in user unless it opts out (sign-in, health).
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddStaffPolicies();

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

try
{
    await DatabaseStartup.MigrateAsync(app.Services);
    await app.Services.GetRequiredService<AccessTokens>().LoadSigningKeyAsync();
}
catch (DatabaseRefusedException refused)
{
    // The operator's mistake (an old binary on a newer file, the wrong file), not a crash: say why and stop cleanly.
    app.Logger.LogCritical("{Reason}", refused.Message);
    Environment.ExitCode = 1;
    return;
}

if (app.Environment.IsDevelopment())
{
    await DemoSeeder.SeedAsync(app.Services);
}

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseRequestLocalization(localization => localization
    .SetDefaultCulture(british.Name)
    .AddSupportedCultures(british.Name)
    .AddSupportedUICultures(british.Name));
app.UseFhirPipeline();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

// Scripts, styles and images are public: the sign-in page needs them before anyone has signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapLoadCeiling();
app.MapLoadDoor();
app.MapAccountEndpoints();
app.MapFhir();
app.MapDayListCsv();
app.MapContactListCsv();
app.MapReportCsv();
app.MapImpactCsv();
app.MapAuditCsv();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point; public so WebApplicationFactory can reach it.</summary>
public partial class Program;
