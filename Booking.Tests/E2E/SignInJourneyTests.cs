using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class SignInJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_AsReceptionist_ShowsHomePageWithTheirName()
    {
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToContainTextAsync("Sam Taylor");
        await Assertions.Expect(page.GetByText("a receptionist")).ToBeVisibleAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).CountAsync()).Should().Be(0);
        await BrowserFixture.ScreenshotAsync(page, "home-receptionist");
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnSignInWithMessage()
    {
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, "Wrong-password-123!");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is not right, or the account is locked.");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-error");
    }

    [Fact]
    public async Task SignIn_AsManager_AsksForTheAuthenticatorCodeAfterThePassword()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login?returnUrl=%2Fmanage%2Fstaff");
        await page.GetByLabel("Email").FillAsync(StaffSignIn.ManagerEmail);
        await page.GetByLabel("Password").FillAsync(StaffSignIn.ManagerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in");
        await page.GetByLabel("Code").FillAsync("000000" == Authenticator.CodeNow(Authenticator.DemoManagerKey) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right.");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-second-factor-error");

        await page.GetByLabel("Code").FillAsync(Authenticator.CodeNow(Authenticator.DemoManagerKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Staff");
    }

    [Fact]
    public async Task ManagerPage_AsReceptionist_IsRefused()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sam Taylor");

        await page.GotoAsync("/manage/audit");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No access");
        await BrowserFixture.ScreenshotAsync(page, "manager-page-refused");
    }

    [Fact]
    public async Task AuditLog_AsManager_ListsTheSeededChanges()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit log");
        // Newest first: other journeys' changes may come before the seed's own staff-user.created on the first page.
        await Assertions.Expect(page.GetByTestId("audit-grid")).ToContainTextAsync(".created");
        await BrowserFixture.ScreenshotAsync(page, "audit-log");
    }
}
