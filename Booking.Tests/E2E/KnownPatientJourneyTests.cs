using Booking.Core.Appointments;
using Booking.Data.Appointments;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// Usability finding 1: booking a known NHS number with another name relabelled that patient everywhere. Now the
/// number fills in the practice's record, what was typed differently is shown beside it, and a correction is its own
/// step with the old and new side by side, audited with both.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class KnownPatientJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";

    [Fact]
    public async Task KnownNhsNumber_FillsInTheRecordAndACorrectionIsAnExplicitAuditedStep()
    {
        var nhsNumber = NhsNumber.Parse(TestNhsNumbers.Next());
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        await desk.BookAsync(Okafor, BrowserFixture.PracticeNow.Date.PlusDays(1).At(new LocalTime(9, 0)),
            new PatientDetails(nhsNumber, "Rowan Known", new LocalDate(1955, 6, 7), "01632 960777"));
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await page.GotoAsync("/appointments/find");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
        await page.GetByLabel("Clinician (optional)").SelectOptionAsync(new SelectOptionValue { Label = Okafor });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find slots" }).ClickAsync();
        await page.GetByTestId("find-results").GetByRole(AriaRole.Button).First.ClickAsync();

        await page.GetByLabel("Full name").FillAsync("Rowan Nown");
        await page.GetByLabel("NHS number").FillAsync(nhsNumber.ToString());

        await Assertions.Expect(page.GetByTestId("known-patient")).ToContainTextAsync("Known patient");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Rowan Known");
        await Assertions.Expect(page.GetByLabel("Full name")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.GetByLabel("Date of birth")).ToHaveValueAsync("1955-06-07");
        await Assertions.Expect(page.GetByTestId("typed-differs")).ToContainTextAsync("Name: typed “Rowan Nown”, the record has “Rowan Known”");
        await BrowserFixture.ScreenshotAsync(page, "reception-known-patient");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Update this patient's details…" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Rowan Nown");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the change" }).ClickAsync();
        var review = page.GetByTestId("correction-review");
        var nameRow = review.GetByRole(AriaRole.Row).Filter(new() { HasText = "Name" });
        await Assertions.Expect(nameRow.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("Rowan Known");
        await Assertions.Expect(nameRow.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Rowan Nown (changed)");
        await Assertions.Expect(review.GetByRole(AriaRole.Row).Filter(new() { HasText = "Date of birth" })).Not.ToContainTextAsync("changed");
        await BrowserFixture.ScreenshotAsync(page, "reception-correct-patient");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new details" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("correction-notice")).ToContainTextAsync("details are updated");
        await Assertions.Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Rowan Nown");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-confirmation")).ToContainTextAsync("Rowan Nown");

        var appointments = await desk.Queries.GetPatientAppointmentsAsync(nhsNumber);
        appointments.Should().HaveCount(2).And.OnlyContain(a => a.Appointment.Patient.Name == "Rowan Nown");
        await using var db = await browser.App.Database.CreateFactory().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(e => e.Action == PatientRecords.CorrectedAction).ToListAsync();
        audit.Should().ContainSingle(e => e.Before!.Contains("Rowan Known") && e.After!.Contains("Rowan Nown") && e.Actor == "Sam Taylor");
    }
}
