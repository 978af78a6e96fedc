using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>axe-core (WCAG 2.1 A and AA rules) on the home page, each reception page and the manager pages listed here, in the states staff use them.</summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/appointments")]
    [InlineData("/appointments?view=week")]
    [InlineData("/appointments/patient?nhs=9434765919")]
    [InlineData("/appointments/daylist?practitioner=1&date=2026-11-24")]
    public async Task Page_AsReceptionist_HasNoSeriousAccessibilityViolations(string path)
    {
        var page = await SignedInPageAsync(path);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/manage/reports/impact", "report-impact")]
    public async Task Page_AsManager_HasNoSeriousAccessibilityViolations(string path, string loadedTestId)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alex Morgan");
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Scanned once the page has loaded what it shows (for reports, the table beside the chart).
        await Assertions.Expect(page.GetByTestId(loadedTestId)).ToBeVisibleAsync();

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task AppointmentBook_BookingFormOpen_HasNoSeriousAccessibilityViolations()
    {
        var page = await SignedInPageAsync("/appointments");
        await page.GetByTestId("day-view").Locator("td[data-state=free] button").First.ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-booking-form-open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#book-nhs-error")).Not.ToBeEmptyAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-booking-form-errors");

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task FindNextAvailable_WithResultsAndReasons_HasNoSeriousAccessibilityViolations()
    {
        var page = await SignedInPageAsync("/appointments/find");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find slots" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Why not offered?" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book ", Exact = false }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("NHS number")).ToBeVisibleAsync();

        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    private async Task<IPage> SignedInPageAsync(string path)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sam Taylor");
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        return page;
    }
}
