using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// A practice manager searches the audit log of the running demo app (clock Tuesday 24 November 2026 10:05). The
/// entries searched for are the demo seed's own, so other journeys' bookings cannot change what is found.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class AuditJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AuditLog_FilterByUserAndDate_ListsOnlyTheirEntriesWithReadableDetails()
    {
        var page = await AuditPageAsync();

        await page.GetByLabel("Who").SelectOptionAsync(new SelectOptionValue { Label = "demo-history" });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-24");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("audit-count")).ToHaveTextAsync("1 entry match.");
        var grid = page.GetByTestId("audit-grid");
        await Assertions.Expect(grid).ToContainTextAsync("demo-history.generated");
        await grid.GetByText("Created: 4 fields").ClickAsync();
        await Assertions.Expect(grid.Locator("details table")).ToContainTextAsync("appointments");
        await BrowserFixture.ScreenshotAsync(page, "manager-audit-filtered");

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-23");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-23");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("audit-count")).ToHaveTextAsync("0 entries match.");
    }

    [Fact]
    public async Task AuditLog_SubjectAndText_FindsTheEntryAboutOneClinician()
    {
        var page = await AuditPageAsync();

        await page.GetByLabel("About").SelectOptionAsync(new SelectOptionValue { Label = "Practitioner" });
        await page.GetByLabel("Id or text").FillAsync("anita patel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("audit-count")).ToHaveTextAsync("1 entry match.");
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync("practitioner.created");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task AuditLog_ToBeforeFrom_ExplainsAndKeepsTheDates()
    {
        var page = await AuditPageAsync();

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-24");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Assertions.Expect(page.Locator("#audit-filter-problem")).ToHaveTextAsync("The last date is before the first: swap them or clear one.");
        await Assertions.Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync("2026-11-24");
    }

    [Fact]
    public async Task AuditLog_Page_HasNoSeriousAccessibilityViolations()
    {
        var page = await AuditPageAsync();

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await BrowserFixture.ScreenshotAsync(page, "manager-audit");
    }

    private async Task<IPage> AuditPageAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alex Morgan");
        await page.GotoAsync("/manage/audit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // The newest entries come first and other journeys add their own, so wait for any entry, not a seeded one.
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync(".created");
        return page;
    }
}
