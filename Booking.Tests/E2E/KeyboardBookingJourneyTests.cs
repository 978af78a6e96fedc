using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// A receptionist who never touches the mouse: from the results of Find next available to a booked appointment in
/// at most 15 key presses. Characters typed into the patient's fields are not counted; every other key is.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class KeyboardBookingJourneyTests(BrowserFixture browser)
{
    private const int MostKeyPresses = 15;
    private const string FocusedLabel = "() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''";

    [Fact]
    public async Task FindNextAvailable_KeyboardOnly_BooksTheFirstFreeSlotInAtMostFifteenKeyPresses()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await page.GotoAsync("/appointments/find");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Blood test (HCA)" });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-26");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find slots" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var firstFree = page.GetByTestId("find-results").GetByRole(AriaRole.Button).First;
        await Assertions.Expect(firstFree).ToBeVisibleAsync();
        var chosen = (await firstFree.GetAttributeAsync("aria-label"))!;

        // From here on every key counts.
        var presses = 0;
        async Task PressAsync(string key)
        {
            presses++;
            await page.Keyboard.PressAsync(key);
        }

        async Task TabToAsync(string label)
        {
            for (var tries = 0; tries < MostKeyPresses && await page.EvaluateAsync<string>(FocusedLabel) != label; tries++)
            {
                await PressAsync("Tab");
            }
        }

        await TabToAsync(chosen);
        await PressAsync("Enter");
        await Assertions.Expect(page.Locator(".reception-slot-summary")).ToContainTextAsync(chosen["Book ".Length..][..11]);

        // The panel takes the focus once it is drawn (after the render); a Tab before that would start elsewhere.
        await Assertions.Expect(page.Locator("#find-panel-heading")).ToBeFocusedAsync();
        await PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("NHS number")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(TestNhsNumbers.Next());
        await PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kit Keys");
        await PressAsync("Tab");
        await page.Keyboard.TypeAsync("03111981");
        await TabToAsync("Book appointment");
        await PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("booking-confirmation")).ToContainTextAsync("Kit Keys");
        await BrowserFixture.ScreenshotAsync(page, "find-keyboard-booked");
        presses.Should().BeLessThanOrEqualTo(MostKeyPresses, "the brief allows at most 15 key presses after the search");
    }
}
