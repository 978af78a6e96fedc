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
/// Changing and withdrawing rota entries in a real browser against the shared app (clock Tue 24 Nov 2026 10:05). Each
/// journey makes its own clinician and site, so its sessions and closures touch nothing the reception journeys use.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class RotaChangesJourneyTests(BrowserFixture browser)
{
    private static readonly ActingParty TestSetUp = ActingParty.System("rota-changes-journey");

    [Fact]
    public async Task ChangeWeeklySession_NewTimesThenEnded_GridShowsNewTimesAndNothingAfterTheEnd()
    {
        var (name, site) = await AddClinicianAndSiteAsync("Dr Change");
        await AddWeeklySessionAsync(name, site, IsoDayOfWeek.Monday, new LocalDate(2027, 1, 4));
        var page = await OpenRotaAsync("/manage/rota?week=2027-01-04");
        var row = Row(page, name);

        await Session(row, "Mon 4 Jan 09:00–10:00").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change weekly session" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Change a weekly session" });
        await Assertions.Expect(form.GetByLabel("Part 1 from")).ToHaveValueAsync("09:00");
        await form.GetByLabel("Part 1 from").FillAsync("09:30");
        await form.GetByLabel("Part 1 to").FillAsync("11:00");
        await BrowserFixture.ScreenshotAsync(page, "rota-change-session-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Session changed.");
        await Assertions.Expect(Session(row, "Mon 4 Jan 09:30–11:00")).ToContainTextAsync(site);
        await Assertions.Expect(Session(row, "Mon 4 Jan 09:00–10:00")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "rota-session-changed");

        await Session(row, "Mon 4 Jan 09:30–11:00").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "End weekly session…" }).ClickAsync();
        var end = page.GetByRole(AriaRole.Form, new() { Name = "End a weekly session" });
        await end.GetByLabel("Last date it runs").FillAsync("2027-01-11");
        await end.GetByRole(AriaRole.Button, new() { Name = "End weekly session" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Weekly session ended.");
        // The grid shows where the change takes effect: the week of the session's last run.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 11 January 2027" })).ToBeVisibleAsync();
        await Assertions.Expect(Session(row, "Mon 11 Jan 09:30–11:00")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 18 January 2027" })).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("session")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "rota-session-ended");
    }

    [Fact]
    public async Task AddOneOffSession_ThenWithdrawn_IsTaggedInTheGridThenGone()
    {
        var (name, site) = await AddClinicianAndSiteAsync("Dr Extra");
        var page = await OpenRotaAsync("/manage/rota?week=2027-01-04");
        var row = Row(page, name);

        await page.GetByRole(AriaRole.Button, new() { Name = "One-off session" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a one-off session" });
        await form.GetByLabel("Clinician").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (GP)" });
        await form.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = site });
        await form.GetByLabel("Date", new() { Exact = true }).FillAsync("2027-01-06");
        await form.GetByLabel("Part 1 from").FillAsync("14:00");
        await form.GetByLabel("Part 1 to").FillAsync("15:00");
        await form.GetByLabel("Part 1 is").SelectOptionAsync(new SelectOptionValue { Label = "GP appointment" });
        await Assertions.Expect(form.GetByLabel("Slot length (minutes)")).ToHaveValueAsync("10");
        await BrowserFixture.ScreenshotAsync(page, "rota-one-off-form");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("One-off session added.");
        var extra = Session(row, "Wed 6 Jan 14:00–15:00");
        await Assertions.Expect(extra).ToContainTextAsync("One-off");
        await Assertions.Expect(extra).ToContainTextAsync(site);
        await BrowserFixture.ScreenshotAsync(page, "rota-one-off-added");

        await extra.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "One-off session" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw one-off session" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("One-off session withdrawn.");
        await Assertions.Expect(row.GetByTestId("session")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "rota-one-off-withdrawn");
    }

    [Fact]
    public async Task CancelOneDayAndChangeAnother_BothShowInTheGridAndTheCancellationCanBeUndone()
    {
        var (name, site) = await AddClinicianAndSiteAsync("Dr Days");
        await AddWeeklySessionAsync(name, site, IsoDayOfWeek.Tuesday, new LocalDate(2027, 1, 4));
        await AddWeeklySessionAsync(name, site, IsoDayOfWeek.Thursday, new LocalDate(2027, 1, 4));
        var page = await OpenRotaAsync("/manage/rota?week=2027-01-04");
        var row = Row(page, name);

        await Session(row, "Tue 5 Jan 09:00–10:00").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this day…" }).ClickAsync();
        var cancel = page.GetByRole(AriaRole.Form, new() { Name = "Cancel this day's session" });
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Cancel this day's session" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cancel-reason-error")).ToContainTextAsync("Enter why the session is cancelled");
        await cancel.GetByLabel("Reason").FillAsync("Training day");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Cancel this day's session" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("This day's session cancelled.");

        await Session(row, "Thu 7 Jan 09:00–10:00").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change this day's times…" }).ClickAsync();
        var replace = page.GetByRole(AriaRole.Form, new() { Name = "Change this day's session" });
        await replace.GetByLabel("Part 1 from").FillAsync("10:00");
        await replace.GetByLabel("Part 1 to").FillAsync("11:30");
        await replace.GetByRole(AriaRole.Button, new() { Name = "Save this day's times" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("This day's session changed.");

        await Assertions.Expect(Session(row, "Tue 5 Jan 09:00–10:00")).ToContainTextAsync("Cancelled this day: Training day");
        await Assertions.Expect(Session(row, "Thu 7 Jan 10:00–11:30")).ToContainTextAsync("Times changed this day");
        await BrowserFixture.ScreenshotAsync(page, "rota-day-edits");

        await Session(row, "Tue 5 Jan 09:00–10:00").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo this day's change" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("This day's change undone.");
        await Assertions.Expect(Session(row, "Tue 5 Jan 09:00–10:00")).Not.ToContainTextAsync("Cancelled");
        await Assertions.Expect(Session(row, "Thu 7 Jan 10:00–11:30")).ToContainTextAsync("Times changed this day");
        await BrowserFixture.ScreenshotAsync(page, "rota-day-edit-undone");
    }

    [Fact]
    public async Task AddPartDayClosure_OverABookedAppointment_ListsItBeforeSavingAndCanBeWithdrawn()
    {
        var (name, site) = await AddClinicianAndSiteAsync("Dr Closed");
        var friday = new LocalDate(2026, 12, 4);
        await AddWeeklySessionAsync(name, site, IsoDayOfWeek.Friday, friday);
        var desk = new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow);
        await desk.BookAsync(name, friday.At(new LocalTime(9, 20)),
            new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), "Cleo Closure", new LocalDate(1984, 2, 29)));
        var reason = $"Fire drill {Guid.NewGuid().ToString("N")[..4]}";
        var page = await OpenRotaAsync("/manage/rota?week=2026-11-30");

        await page.GetByRole(AriaRole.Button, new() { Name = "Closure", Exact = true }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a closure" });
        (await form.GetByRole(AriaRole.Radio).EvaluateAllAsync<bool[]>("radios => radios.map(r => r.checked)")).Should().AllBeEquivalentTo(false, "nothing is preselected");
        await Assertions.Expect(form.GetByLabel("Where")).ToHaveValueAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add closure" }).ClickAsync();
        await Assertions.Expect(form.Locator("#closure-date-error")).ToHaveTextAsync("Enter the first date, or the only date.");
        await Assertions.Expect(form.Locator("#closure-when-error")).ToHaveTextAsync("Choose all day or part of the day.");
        await Assertions.Expect(form.Locator("#closure-site-error")).ToHaveTextAsync("Choose the site that closes, or every site.");
        await BrowserFixture.ScreenshotAsync(page, "rota-closure-nothing-chosen");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await form.GetByLabel("First date").FillAsync("2026-12-04");
        await Assertions.Expect(form.Locator("#closure-date-error")).ToBeEmptyAsync();
        await Assertions.Expect(form.Locator("#closure-site-error")).ToHaveTextAsync("Choose the site that closes, or every site.");
        await form.GetByLabel("Part of the day").CheckAsync();
        await Assertions.Expect(form.Locator("#closure-when-error")).ToBeEmptyAsync();
        await form.GetByLabel("From").FillAsync("09:00");
        await form.GetByLabel("To", new() { Exact = true }).FillAsync("09:30");
        await form.GetByLabel("Where").SelectOptionAsync(new SelectOptionValue { Label = $"{site} only" });
        await form.GetByLabel("Reason").FillAsync(reason);
        // Of the viewport, not the full page: a full-page shot resizes the viewport and restores it, and the page scrolled
        // down to the messages then settles again under the pointer, so the click that follows landed on the form
        // itself (seen in the browser's event log) and no submit was ever sent.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "rota-closure-form.png") });
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await form.GetByRole(AriaRole.Button, new() { Name = "Add closure" }).ClickAsync();

        var review = page.GetByTestId("rota-affected");
        await Assertions.Expect(review.GetByTestId("rota-confirmation")).ToHaveTextAsync($"This closes {site} only on Friday 4 December 2026, from 09:00 to 09:30.");
        await Assertions.Expect(review).ToContainTextAsync("1 booked appointment affected");
        await Assertions.Expect(review).ToContainTextAsync("Fri 4 Dec 2026 at 09:20");
        await Assertions.Expect(review).ToContainTextAsync("Cleo Closure");
        await Assertions.Expect(review.GetByRole(AriaRole.Button, new() { Name = "Save anyway" })).ToBeDisabledAsync();
        (await Header(page, "2026-12-04").GetByTestId("closure").Filter(new() { HasText = reason }).CountAsync()).Should().Be(0, "nothing is saved before the manager acknowledges");
        await BrowserFixture.ScreenshotAsync(page, "rota-closure-affected");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await review.GetByTestId("rota-acknowledge").CheckAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Save anyway" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Closure added.");
        await Assertions.Expect(page.GetByTestId("rota-notice")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("rota-saved-affected")).ToContainTextAsync("Cleo Closure");
        var closure = Header(page, "2026-12-04").GetByTestId("closure").Filter(new() { HasText = reason });
        await Assertions.Expect(closure).ToContainTextAsync($"{reason}: 09:00–09:30, {site} only");
        await Assertions.Expect(Session(Row(page, name), "Fri 4 Dec 09:00–10:00")).ToContainTextAsync("Partly closed");
        await BrowserFixture.ScreenshotAsync(page, "rota-closure-saved");

        await closure.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw closure" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Closure withdrawn.");
        await Assertions.Expect(Header(page, "2026-12-04").GetByTestId("closure").Filter(new() { HasText = reason })).ToHaveCountAsync(0);
        await Assertions.Expect(Session(Row(page, name), "Fri 4 Dec 09:00–10:00")).Not.ToContainTextAsync("Partly closed");
        var appointment = (await desk.Queries.GetDayListAsync(await desk.PractitionerIdAsync(name), friday)).Single();
        appointment.Appointment.Status.Should().Be(AppointmentStatus.Booked, "a closure never cancels a booking by itself");
    }

    [Fact]
    public async Task AddClosureOverSeveralDays_FromThisWeek_ConfirmsEveryDateOnceAndShowsTheWeekClosed()
    {
        var (_, site) = await AddClinicianAndSiteAsync("Dr Christmas");
        var reason = $"Christmas {Guid.NewGuid().ToString("N")[..4]}";
        var page = await OpenRotaAsync("/manage/rota");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 23 November 2026" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Closure", Exact = true }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a closure" });
        await form.GetByLabel("First date").FillAsync("2026-12-21");
        await form.GetByLabel("Last date").FillAsync("2026-12-24");
        await form.GetByLabel("All day").CheckAsync();
        await form.GetByLabel("Where").SelectOptionAsync(new SelectOptionValue { Label = $"{site} only" });
        await form.GetByLabel("Reason").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add closure" }).ClickAsync();

        var review = page.GetByTestId("rota-affected");
        await Assertions.Expect(review.GetByTestId("rota-confirmation")).ToHaveTextAsync(
            $"This closes {site} only every day from Monday 21 December 2026 to Thursday 24 December 2026 (4 days), all day.");
        await Assertions.Expect(review).ToContainTextAsync("No booked appointments affected");
        await review.GetByRole(AriaRole.Button, new() { Name = "Confirm and save" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Closure added for 4 days.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Week of Monday 21 December 2026" })).ToBeVisibleAsync();
        foreach (var date in new[] { "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24" })
        {
            await Assertions.Expect(Header(page, date).GetByTestId("closure").Filter(new() { HasText = reason })).ToHaveCountAsync(1);
        }

        await Assertions.Expect(Header(page, "2026-12-25").GetByTestId("closure").Filter(new() { HasText = reason })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "rota-closure-range-saved");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    private static ILocator Row(IPage page, string name) => page.Locator($"tr[data-row='{name}']");

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

    private ConfigurationStore Store() =>
        new(browser.App.Database.CreateFactory(), TestClock.At(BrowserFixture.PracticeNow, PracticeTime.Zone), new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance),
            NullLogger<ConfigurationStore>.Instance);

    private async Task<(string Clinician, string Site)> AddClinicianAndSiteAsync(string prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (clinician, site) = ($"{prefix} {suffix}", $"Annex {suffix}");
        var addedClinician = await Store().AddPractitionerAsync(new PractitionerDetails(clinician, PractitionerRole.Gp), TestSetUp);
        addedClinician.Succeeded.Should().BeTrue(addedClinician.Message);
        var addedSite = await Store().AddSiteAsync(site, TestSetUp);
        addedSite.Succeeded.Should().BeTrue(addedSite.Message);
        return (clinician, site);
    }

    private async Task AddWeeklySessionAsync(string clinician, string site, IsoDayOfWeek day, LocalDate from)
    {
        var config = (await new PracticeConfigurationProvider(browser.App.Database.CreateFactory(), TestClock.At(BrowserFixture.PracticeNow, PracticeTime.Zone)).GetAsync())!;
        var practitionerId = config.Practitioners.Single(p => p.Practitioner.Name == clinician).Practitioner.Id;
        var siteId = config.Sites.Single(s => s.Site.Name == site).Site.Id;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        var added = await Store().AddSessionTemplateAsync(
            new WeeklySession(practitionerId, siteId, day, SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), gp, SlotLength.FromMinutes(10)), from),
            TestSetUp);
        added.Succeeded.Should().BeTrue(added.Message);
    }
}
