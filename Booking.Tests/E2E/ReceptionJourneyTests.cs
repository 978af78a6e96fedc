using Booking.Core.Appointments;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Reception's day in a real browser against the running app, whose clock starts at
/// <see cref="BrowserFixture.PracticeNow"/> (Tuesday 24 November 2026, 10:05). Each journey uses its own slots and
/// patients, so the journeys pass in any order on the shared app.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class ReceptionJourneyTests(BrowserFixture browser)
{
    private const string Patel = "Dr Anita Patel";
    private const string Okafor = "Dr James Okafor";
    private static readonly LocalDate Today = BrowserFixture.PracticeNow.Date;

    [Fact]
    public async Task BookMoveCancel_ValidPatient_ConfirmsShowsBookedThenMovesAndFreesTheSlot()
    {
        var page = await OpenAppointmentBookAsync(Patel);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 10:40 {Patel}" }).ClickAsync();
        await FillPatientAsync(page, "943 476 5919", "Jane Example", "1980-05-17", "07700 900123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("booking-confirmation")).ToContainTextAsync("Jane Example");
        await Assertions.Expect(page.GetByTestId("booking-confirmation")).ToContainTextAsync("Tue 24 Nov 2026 at 10:40");
        var booked = page.GetByRole(AriaRole.Button, new() { Name = $"Open appointment Tue 24 Nov 10:40 {Patel}, Jane Example" });
        await Assertions.Expect(booked).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-booked");

        await booked.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move…" }).ClickAsync();
        var move = page.GetByTestId("move-panel");
        await Assertions.Expect(move.GetByRole(AriaRole.Radio).First).ToBeVisibleAsync();
        (await move.GetByRole(AriaRole.Radio, new() { Checked = true }).CountAsync()).Should().Be(0, "nothing is chosen for the receptionist");
        await move.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = Patel });
        await move.GetByLabel($"Tue 24 Nov 2026 at 11:10 · {Patel} · Main surgery").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-move");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move appointment" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("book-notice")).ToContainTextAsync("Moved to Tue 24 Nov 2026 at 11:10");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 10:40 {Patel}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Open appointment Tue 24 Nov 11:10 {Patel}, Jane Example" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        await page.GetByLabel("Reason for cancelling").SelectOptionAsync(new SelectOptionValue { Label = "Patient asked" });
        await page.GetByLabel("Note (optional)").FillAsync("Feeling better");
        await BrowserFixture.ScreenshotAsync(page, "reception-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("book-notice")).ToContainTextAsync("Cancelled. The slot is free again.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:10 {Patel}" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-cancelled");
    }

    [Fact]
    public async Task Book_InvalidNhsNumber_ShowsTheMessageAndKeepsWhatWasTyped()
    {
        var page = await OpenAppointmentBookAsync(Okafor);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:00 {Okafor}" }).ClickAsync();
        await FillPatientAsync(page, "943 476 5918", "John Typo", "1975-01-02", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();

        await Assertions.Expect(page.Locator("#book-nhs-error")).ToHaveTextAsync(NhsNumber.Describe(NhsNumberProblem.CheckDigitMismatch));
        await Assertions.Expect(page.GetByLabel("NHS number")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("NHS number")).ToHaveValueAsync("943 476 5918");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("John Typo");
        await Assertions.Expect(page.GetByLabel("Date of birth")).ToHaveValueAsync("1975-01-02");
        (await page.GetByTestId("booking-confirmation").CountAsync()).Should().Be(0);
        await BrowserFixture.ScreenshotAsync(page, "reception-invalid-nhs-number");
    }

    [Fact]
    public async Task MarkDidNotAttend_AppointmentThatHasEnded_ShowsDidNotAttendAndCanBeUndone()
    {
        var desk = new DirectBooking(browser.App.Database, Today.At(new LocalTime(8, 0)));
        await desk.BookAsync(Patel, Today.At(new LocalTime(9, 0)), new PatientDetails(NhsNumber.Parse("4010232137"), "Dana Missed", new LocalDate(1990, 3, 4)));
        var page = await OpenAppointmentBookAsync(Patel);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Open appointment Tue 24 Nov 09:00 {Patel}, Dana Missed" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark did not attend" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("book-notice")).ToHaveTextAsync("Marked as did not attend.");
        await Assertions.Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Did not attend");
        await BrowserFixture.ScreenshotAsync(page, "reception-did-not-attend");

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo did not attend" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("book-notice")).ToHaveTextAsync("Did not attend undone: booked again.");
        await Assertions.Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Booked");
        await BrowserFixture.ScreenshotAsync(page, "reception-did-not-attend-undone");
    }

    [Fact]
    public async Task FindNextAvailable_Service_ListsFreeSlotsAndExplainsWithheldOnes()
    {
        var page = await SignedInPageAsync("/appointments/find");

        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
        await page.GetByLabel("Clinician (optional)").SelectOptionAsync(new SelectOptionValue { Label = Okafor });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find slots" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("find-results")).ToContainTextAsync(Okafor);
        var whyNot = page.GetByTestId("find-withheld").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Tue 24 Nov 2026 at 12:00" });
        await whyNot.GetByRole(AriaRole.Button, new() { Name = "Why not offered?" }).ClickAsync();
        await Assertions.Expect(whyNot.GetByTestId("why-not-offered")).ToContainTextAsync("Held for 111 until 11:00 today");
        await BrowserFixture.ScreenshotAsync(page, "reception-find-next-available");
    }

    [Fact]
    public async Task FindNextAvailable_TomorrowMorning_ListsOnlyTomorrowBeforeNoonInThreeChoices()
    {
        var page = await SignedInPageAsync("/appointments/find");

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-25");
        await page.GetByLabel("Time of day").SelectOptionAsync(new SelectOptionValue { Label = "Morning (before 12:00)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Find slots" }).ClickAsync();

        var whens = page.GetByTestId("find-results").Locator("tbody tr td:first-child");
        await Assertions.Expect(whens.First).ToContainTextAsync("Wed 25 Nov 2026 at ");
        foreach (var when in await whens.AllTextContentsAsync())
        {
            when.Should().StartWith("Wed 25 Nov 2026 at ");
            string.CompareOrdinal(when[^5..], "12:00").Should().BeNegative();
        }

        await BrowserFixture.ScreenshotAsync(page, "reception-find-tomorrow-morning");
    }

    [Fact]
    public async Task PatientAppointments_NhsNumber_ListsPastAndUpcoming()
    {
        var patient = new PatientDetails(NhsNumber.Parse("9434765870"), "Pat Lookup", new LocalDate(1962, 8, 9), "01632 960001");
        var desk = new DirectBooking(browser.App.Database, Today.At(new LocalTime(8, 0)));
        await desk.BookAsync(Okafor, Today.At(new LocalTime(9, 10)), patient);
        await desk.BookAsync(Okafor, Today.PlusDays(1).At(new LocalTime(9, 30)), patient);
        var page = await SignedInPageAsync("/appointments/patient");

        await page.GetByLabel("NHS number").FillAsync("943 476 5870");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find appointments" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Pat Lookup, NHS number 943 476 5870");
        await Assertions.Expect(page.GetByTestId("patient-upcoming")).ToContainTextAsync("Wed 25 Nov 2026 at 09:30");
        await Assertions.Expect(page.GetByTestId("patient-past")).ToContainTextAsync("Tue 24 Nov 2026 at 09:10");
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-appointments");
    }

    [Fact]
    public async Task DayList_Clinician_ListsTheirAppointmentsForPrinting()
    {
        var desk = new DirectBooking(browser.App.Database, Today.At(new LocalTime(8, 0)));
        await desk.BookAsync("Emma Clarke", Today.PlusDays(1).At(new LocalTime(9, 0)), new PatientDetails(NhsNumber.Parse("9990001235"), "Dee List", new LocalDate(1955, 11, 30)));
        var clarke = await desk.PractitionerIdAsync("Emma Clarke");
        var page = await SignedInPageAsync($"/appointments/daylist?practitioner={clarke}&date=2026-11-25");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Day list: Emma Clarke");
        await Assertions.Expect(page.GetByTestId("day-list")).ToContainTextAsync("Dee List");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await BrowserFixture.ScreenshotAsync(page, "reception-day-list-print");
    }

    [Fact]
    public async Task AppointmentBook_WeekView_ShowsEachWeekday()
    {
        var page = await OpenAppointmentBookAsync(Patel);

        await page.GetByRole(AriaRole.Button, new() { Name = "Week", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("week-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon 23 Nov" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fri 27 Nov" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 30 November 2026" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-week-view");
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

    private async Task<IPage> OpenAppointmentBookAsync(string practitioner)
    {
        var page = await SignedInPageAsync("/appointments");
        await page.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = practitioner });
        await Assertions.Expect(page.GetByTestId("day-view")).Not.ToContainTextAsync(practitioner == Patel ? Okafor : Patel);
        return page;
    }

    private static async Task FillPatientAsync(IPage page, string nhsNumber, string name, string dateOfBirth, string phone)
    {
        await page.GetByLabel("NHS number").FillAsync(nhsNumber);
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Date of birth").FillAsync(dateOfBirth);
        await page.GetByLabel("Phone (optional)").FillAsync(phone);
    }
}
