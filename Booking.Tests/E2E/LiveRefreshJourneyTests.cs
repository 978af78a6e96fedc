using Booking.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>Two reception desks on the same day: a booking at one shows at the other without anybody reloading.</summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class LiveRefreshJourneyTests(BrowserFixture browser)
{
    private const string Patel = "Dr Anita Patel";

    [Fact]
    public async Task AppointmentBook_AnotherDeskBooks_ShowsTheBookingWithoutAReload()
    {
        var watching = await OpenPatelsDayAsync();
        var booking = await OpenPatelsDayAsync();
        var free = watching.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:20 {Patel}" });
        await Assertions.Expect(free).ToBeVisibleAsync();

        await booking.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:20 {Patel}" }).ClickAsync();
        await Assertions.Expect(booking.Locator(".reception-slot-summary")).ToContainTextAsync("at 11:20");
        await booking.GetByLabel("NHS number").FillAsync(TestNhsNumbers.Next());
        await booking.GetByLabel("Full name").FillAsync("Robin Elsewhere");
        await booking.GetByLabel("Date of birth").FillAsync("1969-07-20");
        await booking.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Assertions.Expect(booking.GetByTestId("booking-confirmation")).ToContainTextAsync("Robin Elsewhere");

        // The book does not poll: only the change feed can redraw the cell. The target is 1 s and is measured by the
        // circuit load run (docs/performance.md, not met yet); 5 s here is the journey's patience on a busy machine.
        await Assertions.Expect(watching.GetByRole(AriaRole.Button, new() { Name = $"Open appointment Tue 24 Nov 11:20 {Patel}, Robin Elsewhere" }))
            .ToBeVisibleAsync(new() { Timeout = 5_000 });
        await BrowserFixture.ScreenshotAsync(watching, "reception-live-refresh");
    }

    private async Task<IPage> OpenPatelsDayAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await page.GotoAsync("/appointments");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Patel });
        return page;
    }
}
