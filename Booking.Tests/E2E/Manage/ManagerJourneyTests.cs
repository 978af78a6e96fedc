using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// The practice manager's set-up from nothing to bookable capacity, only through the pages: a new clinician, a new
/// service, a weekly session, and the release rule whose what-if preview shows the slots each channel gains before it
/// is saved. Everything is uniquely named, so the reception journeys on the same app keep the demo rota.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class ManagerJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task NewServiceAndSession_ReleasedOnline_PreviewShowsTheSlotsOnlineGainsThenTheRuleIsListed()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var clinician = $"Nurse Journey {suffix}";
        var service = $"Flu clinic {suffix}";
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await OpenAsync(page, "/manage/practitioners");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add clinician" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(clinician);
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Practice nurse" });
        await page.GetByTestId("practitioner-form").GetByRole(AriaRole.Button, new() { Name = "Add clinician" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Added {clinician}.");

        await OpenAsync(page, "/manage/services");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(service);
        await page.GetByLabel("Default length (minutes)").FillAsync("10");
        await page.GetByLabel("Delivery").SelectOptionAsync(new SelectOptionValue { Label = "In person" });
        await page.GetByLabel("National appointment category").SelectOptionAsync(new SelectOptionValue { Label = "Planned clinical procedure" });
        await page.GetByLabel("Practice nurse").CheckAsync();
        await page.GetByTestId("service-form").GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Added {service}.");

        await OpenAsync(page, "/manage/rota");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add weekly session" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a weekly session" });
        await form.GetByLabel("Clinician").SelectOptionAsync(await OptionValueAsync(form.Locator("#session-practitioner option", new() { HasText = clinician })));
        await form.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = "Main surgery" });
        await form.GetByLabel("Day of the week").SelectOptionAsync(new SelectOptionValue { Label = "Wednesday" });
        await form.GetByLabel("Part 1 from").FillAsync("09:00");
        await form.GetByLabel("Part 1 to").FillAsync("10:00");
        await form.GetByLabel("Part 1 is").SelectOptionAsync(new SelectOptionValue { Label = service });
        await form.GetByLabel("First date").FillAsync("2026-11-24");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rota-notice")).ToContainTextAsync("Session added.");
        await Assertions.Expect(page.Locator($"tr[data-row='{clinician}']")).ToContainTextAsync("09:00–10:00");
        await BrowserFixture.ScreenshotAsync(page, "manager-journey-session");

        await OpenAsync(page, "/manage/release");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a release rule" }).ClickAsync();
        await page.Locator("#rule-service").SelectOptionAsync(new SelectOptionValue { Label = service });
        await page.GetByLabel("Reception", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Online patients", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();

        // Without a rule only reception may book a service's slots: the preview shows online gaining Wednesday's six.
        var wednesday = page.GetByTestId("whatif-2026-11-25");
        await Assertions.Expect(wednesday.Locator("td[data-channel=Reception]")).ToHaveTextAsync("6");
        await Assertions.Expect(wednesday.Locator("td[data-channel=Online]")).ToHaveTextAsync("0 → 6 (changed)");
        await Assertions.Expect(page.GetByTestId("whatif-2026-11-26")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "manager-journey-preview");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("release-notice")).ToContainTextAsync("Saved.");
        await Assertions.Expect(page.GetByTestId("release-rules").GetByRole(AriaRole.Row).Filter(new() { HasText = service }))
            .ToContainTextAsync("Online patients");
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
    }

    private static async Task<string> OptionValueAsync(ILocator option) =>
        await option.GetAttributeAsync("value") ?? throw new InvalidOperationException("The option has no value.");
}
