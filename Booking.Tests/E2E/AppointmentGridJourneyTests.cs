using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>The appointment book's day grid in Chromium: a keyboard-only booking, and a busy day at 1024×768 looked at and scanned.</summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class AppointmentGridJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";
    private const string FocusedLabel = "() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''";

    [Fact]
    public async Task KeyboardOnly_ReceptionistFindsAFreeSlotAndBooksIt_WithoutTheMouse()
    {
        var okafor = await new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow).PractitionerIdAsync(Okafor);
        var page = await SignedInPageAsync(await browser.NewContextAsync(), $"/appointments?practitioner={okafor}");

        // Tab into the grid: its one tab stop is the first free slot.
        for (var press = 0; press < 40 && !await page.EvaluateAsync<bool>("() => document.activeElement?.closest('[data-testid=day-view]') != null"); press++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        (await FocusedAsync(page)).Should().StartWith("Book Tue 24 Nov").And.Contain(Okafor);

        // Arrow down past two rows, then on to the next free slot: the one the patient wants.
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        for (var press = 0; press < 40 && !(await FocusedAsync(page)).StartsWith("Book ", StringComparison.Ordinal); press++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        var chosen = await FocusedAsync(page);
        chosen.Should().StartWith("Book Tue 24 Nov").And.Contain(Okafor);
        var time = chosen["Book Tue 24 Nov ".Length..][..5];

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#panel-heading")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#panel-heading")).ToHaveTextAsync("Book a patient");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("NHS number")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(TestNhsNumbers.Next());
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Kim Keyboard");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("14021975");
        for (var press = 0; press < 10 && await FocusedAsync(page) != "Book appointment"; press++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("booking-confirmation")).ToContainTextAsync("Kim Keyboard");
        await BrowserFixture.ScreenshotAsync(page, "grid-keyboard-booked");

        // Escape closes the panel and puts the receptionist back on the cell, now booked.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#panel-heading")).ToHaveTextAsync("Slot");
        await page.WaitForFunctionAsync($"() => ({FocusedLabel})().startsWith('Open appointment Tue 24 Nov {time} {Okafor}, Kim Keyboard')");
    }

    [Fact]
    public async Task BusyDay_At1024By768_ShowsAClinicianPerColumnAndPassesTheAccessibilityScan()
    {
        // Tomorrow, filled two slots in three, so today's journeys keep their free slots.
        var tomorrow = BrowserFixture.PracticeNow.Date.PlusDays(1);
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        var availability = await desk.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(tomorrow, tomorrow));
        var names = new[] { "Amara Okoye", "Ben Carter", "Chloe Davies", "Dev Mistry", "Ella Hughes", "Finn Walsh", "Grace Lee", "Harry Evans" };
        foreach (var (slot, index) in availability.Offered.Select((s, i) => (s, i)).Where(p => p.i % 3 != 2))
        {
            var patient = new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), names[index % names.Length], new LocalDate(1950 + index % 50, 1 + index % 12, 1 + index % 28));
            await desk.Bookings.BookAsync(new NewBooking(slot.Id, patient, Channel.Reception), Booking.Data.Auditing.ActingParty.Staff("fill", "Fill Desk"));
        }

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            Locale = "en-GB",
        });
        var page = await SignedInPageAsync(context, "/appointments?date=2026-11-25");
        var grid = page.GetByTestId("day-view");
        await Assertions.Expect(grid.Locator("td[data-state=booked]").First).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByRole(AriaRole.Columnheader, new() { Name = Okafor })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "grid-busy-day.png") });
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await grid.Locator("td[data-state=free] button").First.ClickAsync();
        await Assertions.Expect(page.Locator("#panel-heading")).ToHaveTextAsync("Book a patient");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "grid-panel-open.png") });
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await grid.Locator("td[data-state=booked] button").First.ClickAsync();
        await Assertions.Expect(page.Locator("#panel-heading")).ToHaveTextAsync("Appointment");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "grid-appointment-open.png") });
    }

    [Fact]
    public async Task Scrolling_DrawsOtherTimes_EachTimeKeepsItsOwnRow()
    {
        // A redraw must never rewrite a drawn row in place with another time: a click that lands while the grid
        // redraws (it is fitted to the window, the column count changes, the user scrolls) would open that other
        // time's slot. It once booked 11:10 for a click on 11:20.
        var page = await SignedInPageAsync(await browser.NewContextAsync(), "/appointments");
        var rows = page.GetByTestId("day-view").Locator("tr.book-grid-row");
        var lastDrawn = await rows.Last.ElementHandleAsync();
        var lastDrawnRow = await lastDrawn.GetAttributeAsync("data-row");
        var lastDrawnTime = await lastDrawn.EvaluateAsync<string>("row => row.querySelector('th').textContent");

        await page.Locator(".book-grid-scroller").EvaluateAsync("scroller => scroller.scrollTop += 30 * 44");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('tr.book-grid-row')?.dataset.row) >= 5");

        var now = await lastDrawn.EvaluateAsync<string?>("row => row.isConnected ? row.dataset.row + ' ' + row.querySelector('th').textContent : null");
        now.Should().BeOneOf($"{lastDrawnRow} {lastDrawnTime}", null);
    }

    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>(FocusedLabel);

    private static async Task<IPage> SignedInPageAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("day-view").Locator("td[data-slot]").First).ToBeVisibleAsync();
        return page;
    }
}
