using System.Net;
using System.Net.Http.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.Operations;

/// <summary>
/// The README's "Going live", done for real: the published app started in Production on an empty SQLite file, on plain
/// HTTP behind a TLS-terminating reverse proxy (<see cref="TlsProxy"/>), the first practice manager made with
/// <c>staff add</c>, and that manager signing in through Chromium over HTTPS, still signed in after the app restarts.
/// Runs in the serial browser collection for its Chromium; the publish is done once for the class.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class GoingLiveTests(BrowserFixture browser, PublishedApp published) : IClassFixture<PublishedApp>
{
    private const string ManagerEmail = "first.manager@practice.nhs.uk";
    private const string ManagerName = "Robin First";
    private const string ManagerPassword = "Going-Live-2026!";

    [Fact]
    public async Task ProductionStart_EmptyDatabase_MigratesServesSignInAndTheFirstManagerSignsInAndStaysSignedInAcrossARestart()
    {
        using var database = new TempDatabase();

        // The proxy first: its https address is the app's configured public address (README, Going live).
        await using var proxy = await TlsProxy.StartAsync(new Uri("http://127.0.0.1:9"));
        var options = new AppOptions(database.ConnectionString, Settings: new Dictionary<string, string>
        {
            ["PublicBaseUrl"] = proxy.BaseAddress.ToString(),
        })
        { Environment = "Production" };
        var app = await AppProcess.StartAsync(options, published.Dll);
        proxy.Target = app.BaseAddress;
        IBrowserContext context;
        try
        {
            using var http = ThroughTheProxy(proxy);
            var signIn = await http.GetAsync("/Account/Login");
            signIn.StatusCode.Should().Be(HttpStatusCode.OK);
            (await signIn.Content.ReadAsStringAsync()).Should().Contain("Sign in");
            var script = await http.GetAsync("/_framework/blazor.web.js");
            script.StatusCode.Should().Be(HttpStatusCode.OK);
            (await script.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty("published output serves real static files in Production");
            var home = await http.GetAsync("/");
            home.StatusCode.Should().Be(HttpStatusCode.Found);
            home.Headers.Location!.ToString().Should().StartWith(new Uri(proxy.BaseAddress, "/Account/Login").ToString(), "the app redirects to its public https address");

            var added = await published.RunCommandAsync(
                ["--environment", "Production", "staff", "add", "--email", ManagerEmail, "--name", ManagerName, "--role", "manager",
                 "--password-stdin", "--ConnectionStrings:Booking=" + database.ConnectionString],
                stdin: ManagerPassword);
            added.ExitCode.Should().Be(0, added.Output + added.Error);

            context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = proxy.BaseAddress.ToString(),
                Locale = "en-GB",
                IgnoreHTTPSErrors = true, // the proxy's certificate is self-signed
            });
            var page = await context.NewPageAsync();
            await BrowserFixture.SignInAsync(page, ManagerEmail, ManagerPassword);
            await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(ManagerName);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await BrowserFixture.ScreenshotAsync(page, "going-live-signed-in");
            (await context.CookiesAsync()).Should().Contain(c => c.Name == ".AspNetCore.Identity.Application" && c.Secure, "HTTPS at the proxy makes the cookie Secure");
        }
        finally
        {
            await app.DisposeAsync();
        }

        Directory.GetFiles(Path.Combine(database.Folder, "keys"), "key-*.xml").Should().NotBeEmpty("the cookie keys live beside the database");

        // The same database and key folder after a restart (on another port behind the same proxy): the cookie still holds.
        await using (var restarted = await AppProcess.StartAsync(options, published.Dll))
        {
            proxy.Target = restarted.BaseAddress;
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(ManagerName);
        }

        await context.CloseAsync();
    }

    [Fact]
    public async Task ProductionStart_WithoutAPublicAddress_ExitsOneWithTheReasonAndServesNothing()
    {
        using var database = new TempDatabase();

        var run = await published.RunCommandAsync(
            ["--environment", "Production", "--urls", "http://127.0.0.1:0", "--ConnectionStrings:Booking=" + database.ConnectionString],
            timeout: TimeSpan.FromSeconds(60));

        run.ExitCode.Should().Be(1, run.Output + run.Error);
        run.Error.Should().Contain("PublicBaseUrl is not set");
        run.Output.Should().NotContain("Now listening");
    }

    [Fact]
    public async Task Start_OnADatabaseBookingDidNotMake_ExitsOneWithTheReasonAndLeavesTheFileAlone()
    {
        using var database = new TempDatabase();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Invoices (Id INTEGER PRIMARY KEY, Total REAL); INSERT INTO Invoices VALUES (1, 9.5);";
            create.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(database.FilePath);

        var run = await published.RunCommandAsync(
            ["--environment", "Production", "--urls", "http://127.0.0.1:0", "--PublicBaseUrl=https://booking.example-practice.nhs.uk",
             "--ConnectionStrings:Booking=" + database.ConnectionString],
            timeout: TimeSpan.FromSeconds(60));

        run.ExitCode.Should().Be(1, "a refused database is reported and the app stops cleanly, not with an unhandled exception (134)");
        (run.Output + run.Error).Should().Contain("cannot be upgraded by this version of Booking").And.NotContain("Unhandled exception");
        (await File.ReadAllBytesAsync(database.FilePath)).Should().Equal(before);
    }

    [Fact]
    public async Task ProductionStart_ARequestForAnotherHost_IsRefusedBeforeTheApp()
    {
        using var database = new TempDatabase();
        var ceiling = Directory.CreateTempSubdirectory("booking-ceiling-production-");
        await File.WriteAllTextAsync(Path.Combine(ceiling.FullName, "answer-0.json"), "{\"resourceType\":\"Bundle\"}");
        await using var proxy = await TlsProxy.StartAsync(new Uri("http://127.0.0.1:9"));
        var options = new AppOptions(database.ConnectionString, Settings: new Dictionary<string, string>
        {
            ["PublicBaseUrl"] = proxy.BaseAddress.ToString(),
            // The load harness's same-size file is Development only, whatever the settings say.
            ["Booking__LoadCeilingFolder"] = ceiling.FullName,
        })
        { Environment = "Production" };
        await using var app = await AppProcess.StartAsync(options, published.Dll);
        proxy.Target = app.BaseAddress;
        using var http = ThroughTheProxy(proxy);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/fhir/.well-known/smart-configuration");
        forged.Headers.Host = "attacker.example";
        (await http.SendAsync(forged)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "AllowedHosts is the public host");

        var honest = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/fhir/.well-known/smart-configuration");
        honest.GetProperty("token_endpoint").GetString().Should().Be(new Uri(proxy.BaseAddress, "/fhir/auth/token").ToString());
        var ceilingAnswer = await http.GetAsync("/load-ceiling/answer-0.json");
        ceilingAnswer.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await ceilingAnswer.Content.ReadAsStringAsync()).Should().NotContain("Bundle");
        ceiling.Delete(recursive: true);
    }

    [Fact]
    public async Task StaffAdd_UnknownOption_ExitsTwoWithTheUsageAndStartsNoServer()
    {
        using var database = new TempDatabase();

        var run = await published.RunCommandAsync(
            ["staff", "add", "--email", ManagerEmail, "--name", ManagerName, "--role", "manager", "--password-stdin", "--admin",
             "--urls", "http://127.0.0.1:0", "--ConnectionStrings:Booking=" + database.ConnectionString],
            stdin: ManagerPassword, timeout: TimeSpan.FromSeconds(60));

        run.ExitCode.Should().Be(2, "an unknown option is a usage error, not a web server (-1 would mean it kept running)");
        run.Error.Should().Contain("--admin").And.Contain("Usage:").And.Contain("staff add");
        (run.Output + run.Error).Should().NotContain("Now listening").And.NotContain(ManagerPassword);
        File.Exists(database.FilePath).Should().BeFalse("nothing was changed");
    }

    [Fact]
    public async Task Backup_ContentRootBeforeTheCommand_BacksUpTheDatabaseThereAndStartsNoServer()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        var copy = Path.Combine(database.Folder, "copy.db");

        // The database named relative to the content root, which is given before the command.
        var run = await published.RunCommandAsync(
            ["--contentRoot", database.Folder, "backup", copy, "--ConnectionStrings:Booking=Data Source=" + Path.GetFileName(database.FilePath)],
            timeout: TimeSpan.FromSeconds(60));

        run.ExitCode.Should().Be(0, run.Output + run.Error);
        run.Output.Should().Contain("Backed up to");
        File.Exists(copy).Should().BeTrue();
    }

    private static HttpClient ThroughTheProxy(TlsProxy proxy) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        {
            BaseAddress = proxy.BaseAddress,
        };
}
