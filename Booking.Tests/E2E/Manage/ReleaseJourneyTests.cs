using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// The practice manager's release rules and quotas in a real browser. Each journey creates its own service, clinician
/// and weekday sessions through <see cref="ConfigurationStore"/> and changes only those, so the demo clinicians' slots
/// that the reception journeys rely on stay as they are.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class ReleaseJourneyTests(BrowserFixture browser)
{
    private static readonly ActingParty TestSetup = ActingParty.System("release-journey");
    private static readonly LocalDate Monday = new(2026, 11, 23);
    private static readonly LocalDate Tomorrow = BrowserFixture.PracticeNow.Date.PlusDays(1);

    [Fact]
    public async Task ChangeOnlineRelease_TestService_PreviewShowsOnlineSlotsPerDayThenSavedRuleIsListed()
    {
        var service = await CreateServiceWithSessionsAsync("Online");
        var store = Store();
        (await store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(service.Id), [new ChannelReleaseSpec(ChannelSelectorSpec.Reception)], ReleaseTerms.Open),
            Monday, TestSetup)).Succeeded.Should().BeTrue();
        var page = await ManagerPageAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Change rule: {service.Name} (every slot)" }).ClickAsync();
        await page.GetByLabel("Online patients", new() { Exact = true }).CheckAsync();
        await page.Locator("#rule-online-opens").SelectOptionAsync(new SelectOptionValue { Label = "At a time of day" });
        await page.Locator("#rule-online-window").FillAsync("14");
        await page.Locator("#rule-online-notice").FillAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "release-rule-form");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();

        var wednesday = page.GetByTestId($"whatif-{Tomorrow:yyyy-MM-dd}");
        await Assertions.Expect(wednesday.Locator("td[data-channel=Online]")).ToHaveTextAsync("0 → 6 (changed)");
        await Assertions.Expect(wednesday.Locator("td[data-channel=Reception]")).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("preview-opening")).ToHaveTextAsync("Online patients can now book these slots, from 08:00 on the day.");
        await Assertions.Expect(page.GetByTestId("whatif-2026-11-28")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("whatif-affected-none")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "release-rule-preview");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "release-rule-preview-actions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("release-notice")).ToContainTextAsync("Saved.");
        var row = page.GetByTestId("release-rules").GetByRole(AriaRole.Row).Filter(new() { HasText = $"{service.Name} (every slot)" })
            .Filter(new() { HasText = "From Wed 25 Nov 2026" });
        await Assertions.Expect(row).ToContainTextAsync("Online patients: from 08:00 on the day, up to 14 days ahead, at least 1 hour's notice");
        await Assertions.Expect(row).ToContainTextAsync("From Wed 25 Nov 2026");
        var inForceToday = page.GetByTestId("release-rules").GetByRole(AriaRole.Row).Filter(new() { HasText = $"{service.Name} (every slot)" })
            .Filter(new() { HasText = "Mon 23 Nov 2026 to Tue 24 Nov 2026" });
        await Assertions.Expect(inForceToday).ToContainTextAsync("Reception: any time");
        await Assertions.Expect(inForceToday).Not.ToContainTextAsync("Online patients");
        await BrowserFixture.ScreenshotAsync(page, "release-rules-list");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task ChangeNhs111Allocation_TestService_SuggestsFromListSizeAndPreviewShowsTheNewDailyCount()
    {
        var service = await CreateServiceWithSessionsAsync("111");
        var store = Store();
        var nhs111 = ChannelSelectorSpec.ForOrganisationType("urgent-care", "111");
        (await store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(
                ReleaseScope.ForService(service.Id),
                [new ChannelReleaseSpec(ChannelSelectorSpec.Reception), new ChannelReleaseSpec(nhs111)],
                ReleaseTerms.Open,
                new HandBackSpec(Duration.FromHours(1), ChannelSelectorSpec.Reception)),
            Monday, TestSetup)).Succeeded.Should().BeTrue();
        (await store.AddQuotaAsync(new QuotaSpec(nhs111, QuotaPeriod.Day, QuotaLimit.Count(2), service.Id), Monday, TestSetup)).Succeeded.Should().BeTrue();
        var page = await ManagerPageAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Change quota: 111 (urgent-care organisations): at most 2 bookings each day of {service.Name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("nhs111-suggestion")).ToContainTextAsync("With 9,000 patients that is 3 slots a day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use 3" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Bookings", new() { Exact = true })).ToHaveValueAsync("3");
        await BrowserFixture.ScreenshotAsync(page, "release-quota-form");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();

        var wednesday = page.GetByTestId($"whatif-{Tomorrow:yyyy-MM-dd}");
        await Assertions.Expect(wednesday.Locator("td[data-channel='111']")).ToHaveTextAsync("2 → 3 (changed)");
        await Assertions.Expect(wednesday.Locator("td[data-channel=Online]")).ToHaveTextAsync("0");
        await BrowserFixture.ScreenshotAsync(page, "release-quota-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to edit" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Bookings", new() { Exact = true })).ToHaveValueAsync("3");
    }

    [Fact]
    public async Task EndRule_TestService_PreviewShowsOnlineLosingTheSlotsAfterTheLastDayThenTheRuleShowsItsEnd()
    {
        var service = await CreateServiceWithSessionsAsync("End");
        (await Store().AddReleaseRuleAsync(
            new ReleaseRuleSpec(
                ReleaseScope.ForService(service.Id),
                [new ChannelReleaseSpec(ChannelSelectorSpec.Reception), new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(BookingWindowDays: 28))],
                ReleaseTerms.Open),
            Monday, TestSetup)).Succeeded.Should().BeTrue();
        var page = await ManagerPageAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"End rule: {service.Name} (every slot)" }).ClickAsync();
        await page.GetByLabel("Last day it applies").FillAsync("2026-11-25");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("whatif-2026-11-26").Locator("td[data-channel=Online]")).ToHaveTextAsync("6 → 0 (changed)");
        await Assertions.Expect(page.GetByTestId("whatif-2026-11-26").Locator("td[data-channel=Reception]")).ToHaveTextAsync("6");
        await BrowserFixture.ScreenshotAsync(page, "release-end-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var row = page.GetByTestId("release-rules").GetByRole(AriaRole.Row).Filter(new() { HasText = $"{service.Name} (every slot)" });
        await Assertions.Expect(row).ToContainTextAsync("Mon 23 Nov 2026 to Wed 25 Nov 2026");
    }

    [Fact]
    public async Task PatientCapForm_Opened_IsAccessibleAndShowsTheCurrentCap()
    {
        var page = await ManagerPageAsync();
        await Assertions.Expect(page.GetByTestId("patient-cap")).ToContainTextAsync("A patient may hold at most 2 future appointments");

        await page.GetByRole(AriaRole.Button, new() { Name = "Change the cap" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Most future appointments per patient")).ToHaveValueAsync("2");
        await BrowserFixture.ScreenshotAsync(page, "release-cap-form");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("release-quotas")).ToBeVisibleAsync();
    }

    private ConfigurationStore Store() =>
        new(browser.App.Database.CreateFactory(), TestClock.At(BrowserFixture.PracticeNow, PracticeTime.Zone), new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance),
            NullLogger<ConfigurationStore>.Instance);

    /// <summary>A new GP-style service and clinician with a 09:00–10:00 session (six 10-minute slots) every weekday from Monday.</summary>
    private async Task<Service> CreateServiceWithSessionsAsync(string purpose)
    {
        var store = Store();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var service = (await store.AddServiceAsync(
            new ServiceDetails($"Release {purpose} test {suffix}", SlotLength.FromMinutes(10), DeliveryMode.InPerson,
                NationalAppointmentCategory.GeneralConsultationRoutine, [PractitionerRole.Gp]),
            TestSetup)).Value!;
        var clinician = (await store.AddPractitionerAsync(new PractitionerDetails($"Dr Release {suffix}", PractitionerRole.Gp), TestSetup)).Value!;
        var site = (await new DirectBooking(browser.App.Database, BrowserFixture.PracticeNow).Queries.GetConfigurationAsync())!
            .Sites.First(s => s.RetiredOn is null).Site.Id;
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            var session = await store.AddSessionTemplateAsync(
                new WeeklySession(clinician.Id, site, day, SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), service.Id, SlotLength.FromMinutes(10)), Monday),
                TestSetup);
            session.Succeeded.Should().BeTrue(session.Message);
        }

        return service;
    }

    private async Task<IPage> ManagerPageAsync()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync("/manage/release");
        await BrowserFixture.WaitForInteractiveAsync(page);
        return page;
    }
}
