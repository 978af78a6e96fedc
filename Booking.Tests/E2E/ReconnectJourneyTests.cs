using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// The reconnect dialog says what happens to typed data (issue 18, item 13). The circuit's states are raised on the
/// dialog as Blazor raises them (components-reconnect-state-changed), so the journey sees each wording in a real page
/// under the app's content security policy without stopping the shared app.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class ReconnectJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task ConnectionLost_ThenGivenUp_SaysTypedDataStaysIfItReconnectsAndAReloadLosesIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        await page.GotoAsync("/manage/rota");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var dialog = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await RaiseAsync(page, "show");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Connection to the server lost" })).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByText("What you have typed stays on this page if it reconnects, so do not reload it yet.")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Reload the page" })).ToBeHiddenAsync();
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await RaiseAsync(page, "failed");
        await Assertions.Expect(dialog.GetByText("Reloading the page loses anything typed but not saved, so note it down first.")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Reload the page" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "reconnect-failed");
        (await AxeScan.SeriousViolationsAsync(page)).Should().BeEmpty();

        await RaiseAsync(page, "hide");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    private static Task RaiseAsync(IPage page, string state) =>
        page.EvaluateAsync(
            "state => document.getElementById('components-reconnect-modal').dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state } }))",
            state);
}
