using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>The first page after signing in: today's clinics at a glance, each a way into that clinician's book.</summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class HomePageJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_Receptionist_SeesTodaysClinicsAndOpensAClinicianBook()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await BrowserFixture.WaitForInteractiveAsync(page);

        var summary = page.GetByTestId("today-summary");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Today, Tuesday 24 November 2026" })).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Rowheader, new() { Name = "Dr Anita Patel" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "home-today");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await summary.GetByRole(AriaRole.Link, new() { Name = "Dr James Okafor" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/appointments\\?practitioner=\\d+$"));
        var day = page.GetByTestId("day-view");
        await Assertions.Expect(day.GetByRole(AriaRole.Button, new() { Name = "Dr James Okafor" }).First).ToBeVisibleAsync();
        await Assertions.Expect(day.GetByRole(AriaRole.Button, new() { Name = "Dr Anita Patel" })).ToHaveCountAsync(0);
    }
}
