using Booking.Load.Harness;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.TestSupport;

/// <summary>
/// One running app and one headless Chromium (Debian's, see <see cref="Chromium"/>) shared by a test class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// When the app's clock starts: a Tuesday mid-morning, so the demo rota has started, free, reserved (NHS 111
    /// until 11:00) and embargoed slots that day. The clock then runs on in real time.
    /// </summary>
    public static readonly LocalDateTime PracticeNow = new(2026, 11, 24, 10, 5);

    private IPlaywright? _playwright;

    public RunningApp App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>
    /// The app's clock as seen from the tests (started as the app finished starting, so at most its start-up behind):
    /// FHIR clients sign their assertions with it.
    /// </summary>
    public NodaTime.IClock AppClock { get; private set; } = default!;

    /// <summary>Screenshots go to the test output folder, never into the repository.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        App = await RunningApp.StartAsync(PracticeNow);
        AppClock = RunningClock.At(PracticeNow, Booking.Core.Time.PracticeTime.Zone);
    }

    public async Task<IPage> NewPageAsync() => await (await NewContextAsync()).NewPageAsync();

    /// <summary>A browser profile of its own: its pages (tabs) share one cookie jar, as tabs of one browser do.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
        });

    /// <summary>
    /// Signs in through the sign-in form; an account with two-factor sign-in (the demo manager's key by default) then
    /// types the code an authenticator app would show. A wrong password stays on the sign-in page.
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? authenticatorKey = null)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await LeftOrRefusedAsync(page, "/account/login");
        if (page.Url.Contains(StaffSignIn.SecondFactorPath, StringComparison.OrdinalIgnoreCase))
        {
            var key = authenticatorKey ?? (email == StaffSignIn.ManagerEmail ? Authenticator.DemoManagerKey : throw new InvalidOperationException($"{email} needs its authenticator key"));
            await page.GetByLabel("Code").FillAsync(Authenticator.CodeNow(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await LeftOrRefusedAsync(page, StaffSignIn.SecondFactorPath.ToLowerInvariant());
        }
    }

    // The form posts and the next page loads: another page, or the same one saying what was wrong (the form's own
    // message, or the sign-in throttle's refusal page, which a journey must fail on by name rather than time out).
    private static async Task LeftOrRefusedAsync(IPage page, string formPath)
    {
        await page.WaitForFunctionAsync(
            "path => location.pathname.toLowerCase() !== path || document.querySelector('.account-error, .validation-message') !== null || document.title === 'Too many sign-in attempts'",
            formPath);
        if (await page.TitleAsync() == "Too many sign-in attempts")
        {
            throw new InvalidOperationException("The sign-in throttle refused the journey's sign-in (too many from this address in a minute).");
        }
    }

    /// <summary>Waits until the page's interactive circuit is connected, so clicks are handled.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-circuit=ready]")).ToBeAttachedAsync();

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
