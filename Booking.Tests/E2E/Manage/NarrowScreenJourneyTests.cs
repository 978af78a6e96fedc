using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// The manager's pages on a 1024×768 desk screen (issue 18, item 12): the navigation starts collapsed, so the rota's
/// weekend and the audit log's "Before and after" are on screen without scrolling sideways.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class NarrowScreenJourneyTests(BrowserFixture browser)
{
    private const int Width = 1024;

    [Fact]
    public async Task RotaAndAuditLog_At1024By768_ShowEveryColumnWithTheNavigationCollapsed()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = Width, Height = 768 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await page.GotoAsync("/manage/rota?week=2026-11-23");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("rota-grid")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#booking-navigation")).Not.ToBeInViewportAsync();
        foreach (var weekend in new[] { "2026-11-28", "2026-11-29" })
        {
            await Assertions.Expect(page.Locator($"th[data-date='{weekend}']")).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "narrow-rota.png") });
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#booking-navigation").GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeInViewportAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "narrow-navigation-open.png") });

        await page.GotoAsync("/manage/audit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var beforeAndAfter = page.GetByRole(AriaRole.Columnheader, new() { Name = "Before and after" });
        await Assertions.Expect(beforeAndAfter).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = (await beforeAndAfter.BoundingBoxAsync())!;
        (box.X + box.Width).Should().BeLessThanOrEqualTo(Width, "the last column ends on screen");
        var changes = page.Locator("details.audit-changes").First;
        await changes.Locator("summary").ClickAsync();
        var opened = (await changes.BoundingBoxAsync())!;
        (opened.X + opened.Width).Should().BeLessThanOrEqualTo(Width, "an entry's before and after, opened, stays on screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "narrow-audit.png") });
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await context.CloseAsync();
    }
}
