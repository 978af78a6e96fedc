using System.Text.RegularExpressions;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E.Manage;

/// <summary>
/// A practice manager adds a receptionist on the staff page and hands over the set-password link; the receptionist
/// chooses a password, signs in and opens the appointment book; the manager disables them, and their open page is
/// signed out at once (same app process: the staff page tells the circuits registry).
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed partial class StaffJourneyTests(BrowserFixture browser)
{
    private const string Email = "robin.frontdesk@demo.practice";
    private const string Name = "Robin Frontdesk";
    private const string ChosenPassword = "Robin-Chooses-2026!";

    [Fact]
    public async Task AddReceptionist_TheySignInWithTheLink_DisablingThemSignsOutTheirOpenPage()
    {
        var manager = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(manager, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await manager.GotoAsync("/manage/staff");
        await BrowserFixture.WaitForInteractiveAsync(manager);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add and make link" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#staff-email-error")).ToHaveTextAsync("Enter their email address.");
        await Assertions.Expect(manager.Locator("#staff-name-error")).ToHaveTextAsync("Enter their full name.");
        await BrowserFixture.ScreenshotAsync(manager, "manager-staff-add-errors");

        await manager.GetByLabel("Email").FillAsync(Email);
        await manager.GetByLabel("Full name").FillAsync(Name);
        await manager.GetByLabel("Receptionist: books, moves and cancels appointments").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add and make link" }).ClickAsync();
        var link = await manager.GetByTestId("staff-link-url").TextContentAsync();
        link.Should().Contain("/Account/SetPassword?user=");
        await Assertions.Expect(Row(manager)).ToContainTextAsync("Link given, password not yet set");
        await BrowserFixture.ScreenshotAsync(manager, "manager-staff-link");

        var receptionist = await browser.NewPageAsync();
        await receptionist.GotoAsync(link!);
        await receptionist.GetByLabel("New password", new() { Exact = true }).FillAsync(ChosenPassword);
        await receptionist.GetByLabel("New password again").FillAsync(ChosenPassword);
        await receptionist.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(receptionist.GetByTestId("password-set")).ToBeVisibleAsync();
        await BrowserFixture.SignInAsync(receptionist, Email, ChosenPassword);
        await receptionist.GotoAsync("/Account");
        await Assertions.Expect(receptionist.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(receptionist, "account-two-factor-setup");
        await receptionist.GotoAsync("/appointments");
        await BrowserFixture.WaitForInteractiveAsync(receptionist);
        await Assertions.Expect(receptionist.GetByRole(AriaRole.Heading, new() { Name = "Appointment book" })).ToBeVisibleAsync();

        await manager.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(manager);
        await Assertions.Expect(Row(manager)).ToContainTextAsync("Active");
        await manager.GetByRole(AriaRole.Button, new() { Name = $"Disable {Name}" }).ClickAsync();
        await manager.GetByTestId("staff-confirm").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("staff-notice")).ToContainTextAsync($"Disabled {Email}");
        await Assertions.Expect(Row(manager)).ToContainTextAsync("Disabled");
        await BrowserFixture.ScreenshotAsync(manager, "manager-staff");

        // Well inside the 10-second revalidation: the staff page ended the circuit itself.
        await Assertions.Expect(receptionist).ToHaveURLAsync(SignInPage(), new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task AccountPage_ShowsTheDemoManagersTwoFactorAsOn()
    {
        var manager = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(manager, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await manager.GotoAsync("/Account");

        await Assertions.Expect(manager.GetByTestId("two-factor-state")).ToContainTextAsync("On:");
        await BrowserFixture.ScreenshotAsync(manager, "account-manager");
    }

    private static ILocator Row(IPage page) => page.Locator($"[data-testid=staff-row][data-email='{Email}']");

    [GeneratedRegex("/Account/Login")]
    private static partial Regex SignInPage();
}
