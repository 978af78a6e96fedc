using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Two app processes on one database, as behind a load balancer (issue 15, item 4): a receptionist on the second
/// instance books a slot, and the appointment book open on the first draws it as booked within two seconds, with no
/// reload and no polling of the day.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class AnotherInstanceJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";

    /// <summary>The bound for a booking on one instance to reach an open book on the other.</summary>
    private const float SeenWithinMilliseconds = 2_000;

    [Fact]
    public async Task BookingOnTheSecondInstance_IsDrawnOnTheFirstInstancesOpenBook_WithinTwoSeconds()
    {
        await using var second = await browser.App.StartAnotherInstanceAsync(BrowserFixture.PracticeNow);
        var okafor = await new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow).PractitionerIdAsync(Okafor);

        // The day after tomorrow: other journeys book today and fill tomorrow; both instances' clocks are well before it.
        var path = $"/appointments?practitioner={okafor}&date={BrowserFixture.PracticeNow.Date.PlusDays(2):yyyy-MM-dd}";
        var watching = await SignedInPageAsync(await browser.NewContextAsync(), path);
        var slot = await watching.GetByTestId("day-view").Locator("td[data-state=free]").First.GetAttributeAsync("data-slot");
        slot.Should().NotBeNullOrEmpty();

        var booking = await SignedInPageAsync(await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = second.BaseAddress.ToString(),
            Locale = "en-GB",
        }), path);
        await booking.Locator($"td[data-slot='{slot}'] button").ClickAsync();
        await Assertions.Expect(booking.Locator("#panel-heading")).ToHaveTextAsync("Book a patient");
        await booking.GetByLabel("NHS number").FillAsync(TestNhsNumbers.Next());
        await booking.GetByLabel("Full name").FillAsync("Ira Instance");
        await booking.GetByLabel("Date of birth").FillAsync("1980-03-14");

        // Enter on the button, as the brake journey submits (a click on it is sometimes not acted on after other journeys).
        await booking.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).FocusAsync();
        await booking.Keyboard.PressAsync("Enter");
        await Assertions.Expect(booking.GetByTestId("booking-confirmation")).ToContainTextAsync("Ira Instance");

        await Assertions.Expect(watching.Locator($"td[data-slot='{slot}']")).ToHaveAttributeAsync(
            "data-state", "booked", new() { Timeout = SeenWithinMilliseconds });
        await BrowserFixture.ScreenshotAsync(watching, "another-instance-booked");
    }

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
