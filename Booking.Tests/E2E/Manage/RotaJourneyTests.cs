using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// The practice manager's rota editor in a real browser against the shared app (clock Tue 24 Nov 2026 10:05). Journeys
/// that change the rota only touch clinicians they create themselves, so the reception journeys keep the demo slots.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class RotaJourneyTests(BrowserFixture browser)
{
    // The week of Monday 28 December 2026: Boxing Day (substitute day) on the Monday and the demo's protected learning
    // time on Wednesday 30 December.
    private const string HolidayWeek = "2026-12-28";
    private static readonly ActingParty TestSetUp = ActingParty.System("rota-journey");

    [Fact]
    public async Task RotaEditor_AsReceptionist_IsRefusedAndNotInTheNavigation()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sam Taylor");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Appointment book" })).ToBeVisibleAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Rota" }).CountAsync()).Should().Be(0);

        await page.GotoAsync("/manage/rota");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No access");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("This page is for another role.");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Rota" }).CountAsync()).Should().Be(0);
        (await page.GetByTestId("rota-grid").CountAsync()).Should().Be(0);
        await BrowserFixture.ScreenshotAsync(page, "rota-refused-receptionist");
    }

    [Fact]
    public async Task AddWeeklySession_NewClinician_ShowsHolidayAndClosureAndTheNewSessionInTheGrid()
    {
        var name = $"Dr Rota {Guid.NewGuid().ToString("N")[..6]}";
        await AddClinicianAsync(name);
        var page = await OpenRotaAsync($"/manage/rota?week={HolidayWeek}");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 28 December 2026" })).ToBeVisibleAsync();
        await Assertions.Expect(Header(page, "2026-12-28").GetByTestId("bank-holiday")).ToHaveTextAsync("Bank holiday: Boxing Day (substitute day)");
        await Assertions.Expect(Header(page, "2026-12-30").GetByTestId("closure")).ToContainTextAsync("Protected learning time: 13:00–18:30");
        var patel = page.Locator("tr[data-row='Dr Anita Patel']");
        await Assertions.Expect(Session(patel, "Mon 28 Dec 08:30–11:30")).ToContainTextAsync("Not on the bank holiday: Boxing Day (substitute day)");
        await Assertions.Expect(Session(patel, "Wed 30 Dec 14:00–17:00")).ToContainTextAsync("Practice closed: Protected learning time");
        await BrowserFixture.ScreenshotAsync(page, "rota-holiday-week");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add weekly session" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a weekly session" });
        await form.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (GP)" });
        await form.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = "Riverside branch" });
        await form.GetByLabel("Day of the week").SelectOptionAsync(new SelectOptionValue { Label = "Tuesday" });
        await form.GetByLabel("Part 1 from").FillAsync("13:00");
        await form.GetByLabel("Part 1 to").FillAsync("14:05");
        await form.GetByLabel("Part 1 is").SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
        await Assertions.Expect(form.GetByLabel("Slot length (minutes)")).ToHaveValueAsync("10");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();

        // 65 minutes do not divide into 10-minute slots: the message sits by the slot length and nothing typed is lost.
        await Assertions.Expect(page.Locator("#part-0-length-error")).ToContainTextAsync("65 minutes is not a whole number of 10-minute slots");
        await Assertions.Expect(form.GetByLabel("Part 1 to")).ToHaveValueAsync("14:05");
        await Assertions.Expect(form.GetByLabel("Day of the week")).ToHaveValueAsync("Tuesday");
        await BrowserFixture.ScreenshotAsync(page, "rota-session-form-invalid");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await form.GetByLabel("Part 1 to").FillAsync("14:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Session added.");
        var row = page.Locator($"tr[data-row='{name}']");
        await Assertions.Expect(Session(row, "Tue 29 Dec 13:00–14:00")).ToContainTextAsync("Riverside branch");
        await BrowserFixture.ScreenshotAsync(page, "rota-session-added");
    }

    [Fact]
    public async Task AddLeave_ClinicianWithBookedAppointment_ListsItAndSavesOnlyOnceAcknowledged()
    {
        var name = $"Dr Leave {Guid.NewGuid().ToString("N")[..6]}";
        var clinician = await AddClinicianAsync(name);
        var wednesday = new LocalDate(2026, 12, 2);
        await AddSessionAsync(clinician, IsoDayOfWeek.Wednesday, wednesday);
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        await desk.BookAsync(name, wednesday.At(new LocalTime(9, 20)),
            new PatientDetails(NhsNumber.Parse("9434765838"), "Leah Affected", new LocalDate(1971, 6, 15)));
        var page = await OpenRotaAsync("/manage/rota?week=2026-11-30");

        await page.GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add leave" });
        await form.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = name });
        await form.GetByLabel("First day away").FillAsync("2026-12-02");
        await form.GetByLabel("Last day away").FillAsync("2026-12-03");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add leave" }).ClickAsync();

        var review = page.GetByTestId("rota-affected");
        await Assertions.Expect(review).ToContainTextAsync("1 booked appointment affected");
        await Assertions.Expect(review).ToContainTextAsync("Wed 2 Dec 2026 at 09:20");
        await Assertions.Expect(review).ToContainTextAsync("Leah Affected");
        await Assertions.Expect(review.GetByRole(AriaRole.Button, new() { Name = "Save anyway" })).ToBeDisabledAsync();
        (await page.Locator($"tr[data-row='{name}']").GetByTestId("leave").CountAsync()).Should().Be(0, "nothing is saved before the manager acknowledges");
        await BrowserFixture.ScreenshotAsync(page, "rota-leave-affected");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await review.GetByTestId("rota-acknowledge").CheckAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Save anyway" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Leave added.");
        await Assertions.Expect(page.GetByTestId("rota-saved-affected")).ToContainTextAsync("Leah Affected");
        await Assertions.Expect(page.Locator($"tr[data-row='{name}']").GetByTestId("leave")).ToHaveCountAsync(2);
        var appointment = (await desk.Queries.GetDayListAsync(clinician, wednesday)).Single();
        appointment.Appointment.Status.Should().Be(AppointmentStatus.Booked, "leave never cancels a booking by itself");
        await BrowserFixture.ScreenshotAsync(page, "rota-leave-saved");
    }

    private static ILocator Session(ILocator row, string dayAndTimes) => row.GetByRole(AriaRole.Button, new() { Name = dayAndTimes });

    private static ILocator Header(IPage page, string date) => page.Locator($"th[data-date='{date}']");

    private async Task<IPage> OpenRotaAsync(string path)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("rota-grid")).ToBeVisibleAsync();
        return page;
    }

    private ConfigurationStore Store()
    {
        var clock = TestClock.At(BrowserFixture.PracticeNow, PracticeTime.Zone);
        return new ConfigurationStore(browser.App.Database.CreateFactory(), clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
    }

    private async Task<int> AddClinicianAsync(string name)
    {
        var added = await Store().AddPractitionerAsync(new PractitionerDetails(name, PractitionerRole.Gp), TestSetUp);
        added.Succeeded.Should().BeTrue(added.Message);
        return added.Value!.Id;
    }

    private async Task AddSessionAsync(int practitionerId, IsoDayOfWeek day, LocalDate from)
    {
        var store = Store();
        var config = await new PracticeConfigurationProvider(browser.App.Database.CreateFactory(), TestClock.At(BrowserFixture.PracticeNow, PracticeTime.Zone)).GetAsync();
        var site = config!.Sites.First().Site.Id;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        var added = await store.AddSessionTemplateAsync(
            new WeeklySession(practitionerId, site, day, SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), gp, SlotLength.FromMinutes(10)), from),
            TestSetUp);
        added.Succeeded.Should().BeTrue(added.Message);
    }
}
