using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// A practice manager reads the reports in a real browser against the running demo app (clock Tuesday 24 November
/// 2026 10:05, with the Development demo history of past appointments). Nothing is changed.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class ReportsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Reports_ManagerChangesTheDates_SeesChartsAndTablesForTheNewRange()
    {
        var page = await ManagerPageAsync();

        await Assertions.Expect(page.GetByTestId("report-range")).ToHaveTextAsync("Showing Wed 28 Oct 2026 to Tue 24 Nov 2026 (28 days).");
        await Assertions.Expect(page.GetByTestId("report-utilisation-by-service")).ToContainTextAsync("GP appointment");
        await Assertions.Expect(page.GetByTestId("report-channel-share")).ToContainTextAsync("NHS 111");
        (await page.Locator(".report-chart svg").CountAsync()).Should().BeGreaterOrEqualTo(9, "every report has a chart");
        await BrowserFixture.ScreenshotAsync(page, "manager-reports");
        foreach (var section in new[] { "utilisation-by-day", "dna-by-lead-time", "channel-share", "demand-and-capacity", "channel-uptake" })
        {
            await page.GetByTestId($"section-{section}").ScrollIntoViewIfNeededAsync();
            await BrowserFixture.ScreenshotAsync(page, $"manager-reports-{section}");
        }

        var uptake = page.GetByTestId("report-channel-uptake");
        await Assertions.Expect(uptake.Locator("tbody tr").Filter(new() { HasText = "Online" }).First).ToBeVisibleAsync();
        await Assertions.Expect(uptake.Locator("tbody tr").Filter(new() { HasText = "NHS 111" }).First).ToBeVisibleAsync();
        await page.GetByTestId("section-channel-uptake").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "manager-reports-channel-uptake-section.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "Last month" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("report-range")).ToHaveTextAsync("Showing Thu 1 Oct 2026 to Sat 31 Oct 2026 (31 days).");
        await Assertions.Expect(page.GetByTestId("report-utilisation-by-day")).ToContainTextAsync("Fri 30 Oct 2026");
        await Assertions.Expect(page.GetByTestId("report-utilisation-by-day")).Not.ToContainTextAsync("Nov 2026");

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-02");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show reports" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("report-range")).ToHaveTextAsync("Showing Mon 2 Nov 2026 to Fri 6 Nov 2026 (5 days).");
        await Assertions.Expect(page.GetByTestId("report-demand-and-capacity").Locator("tbody tr")).ToHaveCountAsync(5);
    }

    [Fact]
    public async Task Reports_ToBeforeFrom_ExplainsNextToTheDatesAndKeepsThem()
    {
        var page = await ManagerPageAsync();

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-20");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show reports" }).ClickAsync();

        await Assertions.Expect(page.Locator("#report-range-problem")).ToContainTextAsync("The last date (Sun 1 Nov 2026) is before the first (Fri 20 Nov 2026)");
        await Assertions.Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("2026-11-20");
        await Assertions.Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, "manager-reports-invalid-range");
    }

    [Fact]
    public async Task Reports_DownloadChannelShare_CsvHoldsTheTablesNumbers()
    {
        var page = await ManagerPageAsync();
        var receptionRow = page.GetByTestId("report-channel-share").Locator("tbody tr").Filter(new() { HasText = "Reception" });
        var shown = await receptionRow.Locator("td").AllInnerTextsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download CSV: Channel share" }).ClickAsync());

        download.SuggestedFilename.Should().Be("channel-share-2026-10-28-to-2026-11-24.csv");
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Booked through,Appointments,Share");
        lines.Should().Contain($"Reception,{shown[0]},{shown[1]}");
        lines.Should().HaveCount(5, "a header and one line per channel group");
        int.Parse(shown[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.GetCultureInfo("en-GB"))
            .Should().BeGreaterThan(0, "the demo history booked through reception");
    }

    [Fact]
    public async Task Reports_Page_HasNoSeriousAccessibilityViolations()
    {
        var page = await ManagerPageAsync();
        await Assertions.Expect(page.GetByTestId("report-demand-and-capacity")).ToBeVisibleAsync();

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    private async Task<IPage> ManagerPageAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alex Morgan");
        await page.GotoAsync("/manage/reports");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("report-range")).ToBeVisibleAsync();
        return page;
    }
}
