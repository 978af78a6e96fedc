using Booking.Core.Appointments;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Reception finds a patient who does not know their NHS number by part of their name, in a real browser against the
/// running demo app (clock Tuesday 24 November 2026 10:05). The patient and their bookings are this journey's own.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class PatientSearchJourneyTests(BrowserFixture browser)
{
    private static readonly LocalDate Today = BrowserFixture.PracticeNow.Date;

    [Fact]
    public async Task PatientAppointments_PartOfTheName_ListsMatchesThenTheChosenPatientsAppointments()
    {
        var nhsNumber = NhsNumber.Parse(TestNhsNumbers.Next());
        var patient = new PatientDetails(nhsNumber, "Harriet Quennell", new LocalDate(1968, 3, 3), "01632 960002");
        var desk = new DirectBooking(browser.App.Database, Today.At(new LocalTime(8, 0)));
        await desk.BookAsync("Tom Reed", Today.At(new LocalTime(8, 50)), patient);
        await desk.BookAsync("Tom Reed", Today.PlusDays(1).At(new LocalTime(9, 40)), patient);
        var page = await ReceptionPageAsync();

        await page.GetByLabel("Or name (part is enough)").FillAsync("quenn harr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find patients" }).ClickAsync();

        var matches = page.GetByTestId("patient-matches");
        await Assertions.Expect(matches.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(matches).ToContainTextAsync("Harriet Quennell");
        await Assertions.Expect(matches).ToContainTextAsync("3 Mar 1968");
        await Assertions.Expect(matches).ToContainTextAsync(nhsNumber.ToString());
        nhsNumber.ToString().Should().MatchRegex(@"^\d{3} \d{3} \d{4}$");
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-search-matches");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show appointments: Harriet Quennell, born 3 Mar 1968" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("patient-upcoming")).ToContainTextAsync("Wed 25 Nov 2026 at 09:40");
        await Assertions.Expect(page.GetByTestId("patient-past")).ToContainTextAsync("Tue 24 Nov 2026 at 08:50");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Harriet Quennell, NHS number {nhsNumber}" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reception-patient-search-appointments");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task PatientAppointments_NameNobodyHas_SaysNoPatientsMatch()
    {
        var page = await ReceptionPageAsync();

        await page.GetByLabel("Or name (part is enough)").FillAsync("Zyxwvut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find patients" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("patient-matches-none")).ToContainTextAsync("No patients match.");
    }

    [Fact]
    public async Task PatientAppointments_OneLetter_AsksForMoreNextToTheField()
    {
        var page = await ReceptionPageAsync();

        await page.GetByLabel("Or name (part is enough)").FillAsync("q");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find patients" }).ClickAsync();

        await Assertions.Expect(page.Locator("#patient-name-error")).ToHaveTextAsync("Type at least 2 letters of the patient's name.");
        await Assertions.Expect(page.GetByLabel("Or name (part is enough)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Or name (part is enough)")).ToHaveValueAsync("q");
    }

    private async Task<IPage> ReceptionPageAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sam Taylor");
        await page.GotoAsync("/appointments/patient");
        await BrowserFixture.WaitForInteractiveAsync(page);
        return page;
    }
}
