using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// A practice manager sets the practice up in a real browser: services, clinicians, sites and API clients. Each journey
/// changes only what it creates itself (uniquely named), so the reception journeys on the same app keep their demo
/// rota. Every page is scanned with axe in the state the journey leaves it.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class SetupJourneyTests(BrowserFixture browser)
{
    private const string Today = "Tue 24 Nov 2026";

    [Fact]
    public async Task Services_AddEditRetire_ShowsTheServiceRetiredOnlyUnderShowRetired()
    {
        var name = Unique("Travel vaccination");
        var page = await ManagerPageAsync("/manage/services");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await page.GetByTestId("service-form").GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Assertions.Expect(page.Locator("#service-name-error")).ToHaveTextAsync("Enter the service's name, e.g. \"GP appointment\".");
        await Assertions.Expect(page.Locator("#service-roles-error")).ToHaveTextAsync("Choose at least one role that may deliver the service.");
        await Assertions.Expect(page.GetByTestId("form-problems")).ToHaveTextAsync("Not saved yet: correct the 5 fields marked above.");
        await BrowserFixture.ScreenshotAsync(page, "setup-service-form-errors");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Default length (minutes)").FillAsync("15");
        await page.GetByLabel("Delivery").SelectOptionAsync(new SelectOptionValue { Label = "In person" });
        await page.GetByLabel("National appointment category").SelectOptionAsync(new SelectOptionValue { Label = "Planned clinical procedure" });
        await page.GetByLabel("Practice nurse").CheckAsync();
        await page.GetByTestId("service-form").GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Added {name}.");
        var row = Row(page, "service-row", name);
        await Assertions.Expect(row).ToContainTextAsync("15 min");
        await Assertions.Expect(row).ToContainTextAsync("Practice nurse");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await page.GetByLabel("Default length (minutes)").FillAsync("20");
        await page.GetByLabel("Healthcare assistant").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Saved the changes to {name}.");
        await Assertions.Expect(row).ToContainTextAsync("20 min");
        await Assertions.Expect(row).ToContainTextAsync("Practice nurse, Healthcare assistant");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Retire {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retire-impact")).ToContainTextAsync("Nothing is planned from that date");
        await Assertions.Expect(page.GetByTestId("retire-refusal")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "setup-service-retire");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire service" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToContainTextAsync($"Retired {name} from {Today}.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.GetByLabel("Show retired services").CheckAsync();
        await Assertions.Expect(row).ToContainTextAsync($"Retired on {Today}");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "setup-services-retired");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task Practitioners_AddWithIdentifier_ListsTheClinician()
    {
        var name = Unique("Nurse Priya Shah");
        var page = await ManagerPageAsync("/manage/practitioners");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add clinician" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Practice nurse" });
        await page.GetByLabel("NMC PIN").FillAsync("12A345");
        await page.GetByTestId("practitioner-form").GetByRole(AriaRole.Button, new() { Name = "Add clinician" }).ClickAsync();

        await Assertions.Expect(page.Locator("#practitioner-id-Nmc-error")).ToContainTextAsync("2 digits, a letter, 4 digits, a letter");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await BrowserFixture.ScreenshotAsync(page, "setup-practitioner-form-errors");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByLabel("NMC PIN").FillAsync("12a3456e");
        await page.GetByTestId("practitioner-form").GetByRole(AriaRole.Button, new() { Name = "Add clinician" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Added {name}.");
        var row = Row(page, "practitioner-row", name);
        await Assertions.Expect(row).ToContainTextAsync("NMC PIN 12A3456E");
        await Assertions.Expect(row).ToContainTextAsync("Active");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retire Dr Anita Patel" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retire-impact")).ToContainTextAsync("session(s) on the rota");
        await Assertions.Expect(page.GetByTestId("retire-impact")).ToContainTextAsync("Tuesdays");
        await BrowserFixture.ScreenshotAsync(page, "setup-practitioner-retire-impact");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retire-panel")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "setup-practitioners");
    }

    [Fact]
    public async Task Sites_Add_ListsTheSiteAsActive()
    {
        var name = Unique("Riverside branch");
        var page = await ManagerPageAsync("/manage/sites");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add site" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Main surgery");
        await page.GetByTestId("site-form").GetByRole(AriaRole.Button, new() { Name = "Add site" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-name-error")).ToHaveTextAsync("There is already a site called \"Main surgery\". Choose another name.");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByTestId("site-form").GetByRole(AriaRole.Button, new() { Name = "Add site" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Added {name}.");
        await Assertions.Expect(Row(page, "site-row", name)).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page, "setup-sites");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task ApiClients_RegisterWithGeneratedKeyThenRevoke_ShowsTheClientIdThenRevoked()
    {
        var name = Unique("Urgent care hub");
        using var consumer = new SmartClient("assigned by the page", SystemClock.Instance);
        var page = await ManagerPageAsync("/manage/api-clients");

        await page.GetByRole(AriaRole.Button, new() { Name = "Register API client" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("ODS code").FillAsync("not valid!");
        await page.GetByLabel("Organisation type (optional)").FillAsync("urgent-care");
        await page.GetByLabel("system/Slot.rs").CheckAsync();
        await page.GetByLabel("system/Appointment.cru").CheckAsync();
        await page.GetByLabel("Public keys (JSON Web Key Set)").FillAsync("{\"keys\": ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();

        await Assertions.Expect(page.Locator("#client-ods-error")).ToHaveTextAsync("'not valid!' is not an ODS code (3 to 10 letters and digits).");
        await Assertions.Expect(page.Locator("#client-jwks-error")).ToContainTextAsync("This is not a JSON Web Key Set");
        await BrowserFixture.ScreenshotAsync(page, "setup-api-client-form-errors");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await page.GetByLabel("ODS code").FillAsync("Y08765");
        await page.GetByLabel("Public keys (JSON Web Key Set)").FillAsync(consumer.JwksJson);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register client" }).ClickAsync();

        var clientId = page.GetByTestId("registered-client-id");
        await Assertions.Expect(clientId).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^urgent-care-hub-[0-9a-f]+-[0-9a-f]{8}$"));
        var id = await clientId.TextContentAsync();
        var row = Row(page, "api-client-row", name);
        await Assertions.Expect(row).ToContainTextAsync(id!);
        await Assertions.Expect(row).ToContainTextAsync("Y08765");
        await Assertions.Expect(row).ToContainTextAsync("Organisation (urgent-care)");
        await Assertions.Expect(row).ToContainTextAsync("system/Appointment.cru");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page, "setup-api-client-registered");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("revoke-panel")).ToContainTextAsync(id!);
        await BrowserFixture.ScreenshotAsync(page, "setup-api-client-revoke");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke client" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("setup-notice")).ToHaveTextAsync($"Revoked {name}. It can get no new access tokens.");
        await Assertions.Expect(row).ToContainTextAsync($"Revoked {Today}");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "setup-api-client-revoked");
    }

    private static ILocator Row(IPage page, string testId, string name) =>
        page.GetByTestId(testId).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(name) + "( |$)") }) });

    /// <summary>A name no other journey or run on the shared app uses.</summary>
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<IPage> ManagerPageAsync(string path)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        return page;
    }
}
