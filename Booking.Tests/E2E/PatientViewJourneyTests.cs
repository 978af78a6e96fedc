using Booking.Core.Appointments;
using Booking.Data.Auditing;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Usability finding 11: the patient view listed moved and cancelled appointments as upcoming and its links opened
/// the day, not the appointment, so staff went hunting for it. Now it is a place to act: move and cancel from there.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class PatientViewJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";

    [Fact]
    public async Task PatientView_ListsOnlyExpectedAppointmentsAsUpcomingAndMovesAndCancelsFromThere()
    {
        var nhsNumber = NhsNumber.Parse(TestNhsNumbers.Next());
        var patient = new PatientDetails(nhsNumber, "Morgan Mover", new LocalDate(1969, 4, 2), "01632 960321");
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        var thursday = new LocalDate(2026, 12, 3);
        var toCancel = await desk.BookAsync(Okafor, thursday.At(new LocalTime(9, 0)), patient);
        await desk.BookAsync(Okafor, thursday.At(new LocalTime(10, 0)), patient);
        var alreadyCancelled = await desk.BookAsync(Okafor, thursday.At(new LocalTime(11, 0)), patient);
        (await desk.Bookings.CancelAsync(alreadyCancelled.Appointment.Id, CancellationReason.PatientRequest, null, ActingParty.System("journey"))).Succeeded.Should().BeTrue();

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await page.GotoAsync($"/appointments/patient?nhs={nhsNumber.Value}");
        await BrowserFixture.WaitForInteractiveAsync(page);

        var upcoming = page.GetByTestId("patient-upcoming");
        await Assertions.Expect(upcoming.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(upcoming).Not.ToContainTextAsync("11:00");
        await Assertions.Expect(page.GetByTestId("patient-cancelled-or-moved")).ToContainTextAsync("Thu 3 Dec 2026 at 11:00");
        var link = upcoming.GetByRole(AriaRole.Link, new() { Name = "Thu 3 Dec 2026 at 09:00" });
        (await link.GetAttributeAsync("href")).Should().Contain($"appointment={toCancel.Appointment.Id}", "the link opens this appointment, not only its day");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open Thu 3 Dec 2026 at 09:00" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        await page.GetByLabel("Reason for cancelling").SelectOptionAsync(new SelectOptionValue { Label = "Patient asked" });
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-view-cancel");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("patient-notice")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(upcoming.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("patient-cancelled-or-moved")).ToContainTextAsync("Thu 3 Dec 2026 at 09:00");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open Thu 3 Dec 2026 at 10:00" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move…" }).ClickAsync();
        var move = page.GetByTestId("move-panel");
        await move.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = Okafor });
        await move.GetByLabel("From").FillAsync("2026-12-03");
        await Assertions.Expect(move.GetByRole(AriaRole.Radio).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-view-move");
        await move.GetByRole(AriaRole.Radio, new() { Name = $"Thu 3 Dec 2026 at 09:30 · {Okafor}" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move appointment" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("patient-notice")).ToContainTextAsync("Moved to Thu 3 Dec 2026 at 09:30");
        await Assertions.Expect(upcoming.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(upcoming).ToContainTextAsync("Thu 3 Dec 2026 at 09:30");
        await Assertions.Expect(page.GetByTestId("patient-cancelled-or-moved")).ToContainTextAsync("Thu 3 Dec 2026 at 10:00");
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-view-moved");
    }
}
