using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Usability finding 2: a closure over bookings was acknowledged once by the manager, after which reception saw plain
/// "Booked" and the patient could come to a closed surgery. Now the appointment is reception's work: on the home page
/// and in the book until it is moved or cancelled, printable and downloadable.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class PatientsToContactJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";

    // A day no other journey books into, so the closure touches only this journey's patient.
    private static readonly LocalDate ClosedDay = new(2026, 12, 9);

    [Fact]
    public async Task ClosureOverABooking_ListsThePatientToContactUntilTheAppointmentIsCancelled()
    {
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        var patient = new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), "Casey Closed", new LocalDate(1977, 9, 1), "01632 960444");
        var booked = await desk.BookAsync(Okafor, ClosedDay.At(new LocalTime(9, 30)), patient);
        var store = new ConfigurationStore(browser.App.Database.CreateFactory(), desk.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        var closure = await store.AddClosureAsync(ClosedDay, "Staff training", ActingParty.System("journey"), LocalTimeRange.Parse("09:00-10:00"));
        closure.Succeeded.Should().BeTrue(closure.Message);

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        var onHome = page.GetByTestId("home-contact").GetByRole(AriaRole.Row).Filter(new() { HasText = "Casey Closed" });
        await Assertions.Expect(onHome).ToContainTextAsync("Wed 9 Dec 2026 at 09:30");
        await Assertions.Expect(onHome).ToContainTextAsync("Staff training");
        await Assertions.Expect(onHome).ToContainTextAsync("01632 960444");
        await BrowserFixture.ScreenshotAsync(page, "reception-home-patients-to-contact");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Print or download this list" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Patients to contact");
        await Assertions.Expect(page.GetByTestId("contact-list")).ToContainTextAsync("Casey Closed");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.Should().Be("patients-to-contact.csv");
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("When,Clinician,Site,Service,Patient,NHS number,Phone,Why");
        csv.Should().Contain(line => line.StartsWith("Wed 9 Dec 2026 at 09:30,Dr James Okafor,", StringComparison.Ordinal) && line.Contains("Casey Closed") && line.Contains("Staff training"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open in the book: Wed 9 Dec 2026 at 09:30, Casey Closed" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Appointment book");
        await Assertions.Expect(page.GetByText("Staff training: contact the patient").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Booked", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("aside.reception-panel")).ToContainTextAsync("Casey Closed", new() { UseInnerText = true });
        await BrowserFixture.ScreenshotAsync(page, "reception-book-contact-the-patient");

        var cancelled = await desk.Bookings.CancelAsync(booked.Appointment.Id, CancellationReason.PracticeRequest, "Clinic closed", ActingParty.System("journey"));
        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToBeVisibleAsync();
        (await page.GetByText("Casey Closed").CountAsync()).Should().Be(0, "a cancelled appointment is no longer reception's work");
    }
}
