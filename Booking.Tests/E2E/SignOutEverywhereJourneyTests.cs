using System.Text.RegularExpressions;
using Booking.Tests.TestSupport;
using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>
/// An appointment book left open in another tab stops working when its user's session ends: signed out in one tab,
/// the other is signed out at once and books nothing; disabled by the operator, within the circuits' revalidation
/// interval. Either way the tab lands on the sign-in page.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed partial class SignOutEverywhereJourneyTests(BrowserFixture browser)
{
    private const string Okafor = "Dr James Okafor";
    private const string SecondReceptionist = "reception2@demo.practice";

    [Fact]
    public async Task SignOut_InOneTab_TheOtherTabCannotBookAndLandsOnSignIn()
    {
        var tabs = await browser.NewContextAsync();
        var signingOut = await tabs.NewPageAsync();
        await BrowserFixture.SignInAsync(signingOut, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        await OpenOkaforsDayAsync(signingOut);
        var leftOpen = await tabs.NewPageAsync();
        await OpenOkaforsDayAsync(leftOpen);

        await signingOut.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(signingOut).ToHaveURLAsync(SignInPage());

        var nhsNumber = await TryToBookAsync(leftOpen);
        // Well inside the revalidation interval: only ending the circuits at sign-out can do it this fast.
        await Assertions.Expect(leftOpen).ToHaveURLAsync(SignInPage(), new() { Timeout = 5_000 });
        (await IsBookedAsync(nhsNumber)).Should().BeFalse("the tab left open books nothing once its user has signed out");
        await BrowserFixture.ScreenshotAsync(leftOpen, "sign-out-other-tab");
    }

    [Fact]
    public async Task StaffDisable_WhileATabIsOpen_TheTabLandsOnSignInWithinTheRevalidationInterval()
    {
        var tab = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(tab, SecondReceptionist, StaffSignIn.ReceptionistPassword);
        await OpenOkaforsDayAsync(tab);

        try
        {
            (await StaffCommandAsync("disable")).Should().Be(0);

            // The command is another process than the app, so only the circuit's own revalidation (every 10 seconds,
            // StaffIdentity.RevalidationInterval) can notice; the rest is time to navigate on a busy machine.
            await Assertions.Expect(tab).ToHaveURLAsync(SignInPage(), new() { Timeout = 20_000 });
        }
        finally
        {
            (await StaffCommandAsync("enable")).Should().Be(0, "the other journeys' app keeps its demo logins");
        }
    }

    private static async Task OpenOkaforsDayAsync(IPage page)
    {
        await page.GotoAsync("/appointments");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = Okafor });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:40 {Okafor}" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Goes through booking a patient into Dr Okafor's 11:40 as a receptionist would; a tab already sent to sign-in has
    /// no such buttons, so each step gives up after a short wait. The NHS number used.
    /// </summary>
    private static async Task<string> TryToBookAsync(IPage page)
    {
        var nhsNumber = TestNhsNumbers.Next();
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Book Tue 24 Nov 11:40 {Okafor}" }).ClickAsync(new() { Timeout = 2_000 });
            await page.GetByLabel("NHS number").FillAsync(nhsNumber, new() { Timeout = 2_000 });
            await page.GetByLabel("Full name").FillAsync("Tab Leftopen", new() { Timeout = 2_000 });
            await page.GetByLabel("Date of birth").FillAsync("1970-01-01", new() { Timeout = 2_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync(new() { Timeout = 2_000 });

            // Time for a booking that went through to be saved, so the check after it cannot pass too early.
            await page.WaitForTimeoutAsync(1_000);
        }
        catch (Exception gone) when (gone is TimeoutException or PlaywrightException)
        {
            // The page went to sign-in before or during the attempt.
        }

        return nhsNumber;
    }

    private async Task<bool> IsBookedAsync(string nhsNumber)
    {
        await using var db = browser.App.Database.CreateContext();
        return await db.Appointments.AnyAsync(a => a.Patient.NhsNumber == nhsNumber);
    }

    private async Task<int> StaffCommandAsync(string command)
    {
        using var output = new StringWriter();
        return await AdminCommands.RunAsync(
            HostArguments.Split(["staff", command, "--email", SecondReceptionist, "--ConnectionStrings:Booking=" + browser.App.Database.ConnectionString]),
            output, output, TextReader.Null);
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex SignInPage();
}
