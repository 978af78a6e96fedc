using System.Globalization;
using AngleSharp.Dom;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Manage.Rota;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The rota page as markup over its editor, on the demo practice: today is Tuesday 24 November 2026, and Dr Anita Patel
/// works at the main surgery 08:30 to 11:30 every weekday.
/// </summary>
public sealed class RotaPageTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private ReceptionPractice _practice = default!;

    public RotaPageTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        var auth = this.AddAuthorization();
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(StaffRoles.PracticeManager);
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-alex"),
            new System.Security.Claims.Claim("display_name", "Alex Morgan"),
            new System.Security.Claims.Claim("amr", "mfa"));
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    private string Tomorrow => _practice.Today.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void CancelThisDay_NoReasonThenAReason_SaysWhatIsMissingThenShowsTheDayCancelled()
    {
        var page = RenderPage();
        PatelMorning(page, tomorrow: true).Click();
        Button(page, "Cancel this day…").Click();

        page.Find("form[aria-label=\"Cancel this day's session\"]").Submit();
        page.Find("#cancel-reason-error").TextContent.Should().StartWith("Enter why the session is cancelled");

        page.Find("#cancel-reason").Input("CCG meeting");
        page.Find("form[aria-label=\"Cancel this day's session\"]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=rota-notice]").TextContent.Should().Contain("This day's session cancelled."), Wait);
        PatelMorning(page, tomorrow: true).TextContent.Should().Contain("CCG meeting");
    }

    [Fact]
    public void OneOffSession_OverlappingDrPatelsMorning_ShowsTheOverlapBesideTheTimesAndIsNotSaved()
    {
        var page = RenderPage();
        Button(page, "One-off session").Click();
        page.Find("#session-practitioner").Change(Id(page, "#session-practitioner", "Dr Anita Patel"));
        page.Find("#session-site").Change(Id(page, "#session-site", "Main surgery"));
        page.Find("#session-date").Change(Tomorrow);
        page.Find("#part-0-start").Change("11:00");
        page.Find("#part-0-end").Change("12:00");
        page.Find("#part-0-service").Change(Id(page, "#part-0-service", "GP appointment"));

        page.Find("form").Submit();

        page.WaitForAssertion(() => page.Find("#session-times-error").TextContent.Should().Contain("Dr Anita Patel would have overlapping sessions on Wed 25 Nov 2026"), Wait);
        page.Find("[data-testid=rota-refusal]").TextContent.Should().Contain("two sessions at once");
        page.FindAll("[data-testid=rota-notice]").Should().BeEmpty();
    }

    private IRenderedComponent<RotaPage> RenderPage()
    {
        var page = Render<RotaPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=rota-grid]"), Wait);
        return page;
    }

    // Wednesday is the third day column of the week of Monday 23 November.
    private static IElement PatelMorning(IRenderedComponent<RotaPage> page, bool tomorrow) =>
        page.Find("tr[data-row=\"Dr Anita Patel\"]").QuerySelectorAll("td")[tomorrow ? 2 : 1].QuerySelectorAll("[data-testid=session]")
            .First(session => session.TextContent.Contains("08:30", StringComparison.Ordinal));

    private static IElement Button(IRenderedComponent<RotaPage> page, string text) =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);

    private static string Id(IRenderedComponent<RotaPage> page, string select, string name) =>
        page.Find(select).QuerySelectorAll("option").First(o => o.TextContent.Trim().StartsWith(name, StringComparison.Ordinal)).GetAttribute("value")!;
}
