using System.Security.Claims;
using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Home;
using Bunit;
using Bunit.TestDoubles;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Home;

/// <summary>
/// The busy-day brake on the home page over the demo practice (Tuesday 24 November 2026, 10:05): only a manager
/// signed in with a second factor sees it and may save, a reason is required, and a pause is listed and resumed.
/// </summary>
public sealed class BusyDayBrakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private ReceptionPractice _practice = default!;
    private BunitAuthorizationContext _auth = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public Task DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task Render_Manager_OffersAPauseForEachChannelAndSaysNoneIsPaused()
    {
        await using var context = Context(StaffRoles.PracticeManager);

        var brake = context.Render<BusyDayBrake>();

        brake.WaitForAssertion(() => brake.Find("[data-testid=brake-none]"), Wait);
        Buttons(brake).Should().Contain(["Pause online booking today", "Pause NHS 111 and other organisations today"]);
    }

    [Fact]
    public async Task Render_Receptionist_ShowsNoBrake()
    {
        await using var context = Context(StaffRoles.Receptionist);

        var brake = context.Render<BusyDayBrake>();

        brake.FindAll("[data-testid=busy-day-brake]").Should().BeEmpty();
        brake.FindAll("button").Should().BeEmpty();
    }

    [Fact]
    public async Task Render_ManagerWithoutSecondFactor_ShowsNoBrake()
    {
        await using var context = Context(StaffRoles.PracticeManager, secondFactor: false);

        var brake = context.Render<BusyDayBrake>();

        brake.FindAll("[data-testid=busy-day-brake]").Should().BeEmpty();
    }

    [Fact]
    public async Task Confirm_NoReason_SaysSoNextToTheFieldAndPausesNothing()
    {
        await using var context = Context(StaffRoles.PracticeManager);
        var brake = OpenOnline(context);

        await brake.Find("form").SubmitAsync();

        brake.Find("#brake-reason-error").TextContent.Should().Contain("Enter the reason");
        brake.Find("#brake-reason").GetAttribute("aria-invalid").Should().Be("true");
        (await StandingAsync(context)).Should().BeEmpty();
    }

    [Fact]
    public async Task Confirm_WithAReason_PausesOnlineTodayAndListsItWithWhoPausedIt()
    {
        await using var context = Context(StaffRoles.PracticeManager);
        var brake = OpenOnline(context);

        brake.Find("#brake-reason").Input("Two GPs off sick");
        await brake.Find("form").SubmitAsync();

        brake.WaitForAssertion(() => brake.Find("[data-testid=brake-pauses]").TextContent.Should().Contain("Two GPs off sick"), Wait);
        var row = brake.Find("[data-testid=brake-pauses] tbody tr").TextContent;
        row.Should().Contain("Online booking").And.Contain("Today").And.Contain("Alex Morgan");
        brake.Find("[data-testid=brake-notice]").TextContent.Should().Be("Online booking is paused today.");
        var pause = (await StandingAsync(context)).Should().ContainSingle().Subject.Pause;
        pause.Channel.Should().Be(PausableChannel.Online);
        (pause.Dates == new DateInterval(_practice.Today, _practice.Today)).Should().BeTrue();
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        config!.Policy.Pauses.Should().ContainSingle(p => p.Reason == "Two GPs off sick", "every door reads the pause at once");
    }

    [Fact]
    public async Task Confirm_OverlappingAPause_ShowsTheStoresRefusalBesideTheDaysAndKeepsTheReason()
    {
        await using var context = Context(StaffRoles.PracticeManager);
        var store = context.Services.GetRequiredService<ConfigurationStore>();
        (await store.PauseChannelAsync(PausableChannel.Online, new DateInterval(_practice.Today, _practice.Today.PlusDays(2)), "Flu clinic", OtherManager))
            .Succeeded.Should().BeTrue();
        var brake = OpenOnline(context);

        brake.Find("#brake-reason").Input("Two GPs off sick");
        await brake.Find("form").SubmitAsync();

        brake.WaitForAssertion(() => brake.Find("#brake-last-error").TextContent.Should().Contain("already paused"), Wait);
        brake.Find("#brake-reason").GetAttribute("value").Should().Be("Two GPs off sick");
        (await StandingAsync(context)).Should().ContainSingle();
    }

    [Fact]
    public async Task Resume_AStandingPause_LiftsItAndTheListSaysNoneIsPaused()
    {
        await using var context = Context(StaffRoles.PracticeManager);
        var store = context.Services.GetRequiredService<ConfigurationStore>();
        (await store.PauseChannelAsync(PausableChannel.Organisations, new DateInterval(_practice.Today, _practice.Today), "Flu clinic", OtherManager))
            .Succeeded.Should().BeTrue();
        var brake = context.Render<BusyDayBrake>();
        brake.WaitForAssertion(() => brake.Find("[data-testid=brake-pauses]").TextContent.Should().Contain("Pat Manager"), Wait);

        brake.Find("button[aria-label='Resume booking by NHS 111 and other organisations']").Click();

        brake.WaitForAssertion(() => brake.Find("[data-testid=brake-none]"), Wait);
        brake.Find("[data-testid=brake-notice]").TextContent.Should().Be("Booking by NHS 111 and other organisations is open again.");
        (await StandingAsync(context)).Should().BeEmpty();
        (await _practice.Desk.Queries.GetConfigurationAsync())!.Policy.Pauses.Should().BeEmpty();
    }

    [Fact]
    public async Task Confirm_UserNoLongerAManager_IsRefusedOnTheServerAndPausesNothing()
    {
        await using var context = Context(StaffRoles.PracticeManager);
        var brake = OpenOnline(context);
        brake.Find("#brake-reason").Input("Two GPs off sick");

        SignIn(_auth, [StaffRoles.Receptionist], secondFactor: true);
        await brake.Find("form").SubmitAsync();

        brake.WaitForAssertion(() => brake.Find("[data-testid=brake-refusal]").TextContent.Should().Contain("may not change the practice set-up"), Wait);
        (await StandingAsync(context)).Should().BeEmpty();
    }

    [Fact]
    public async Task HomePage_ReceptionistOnAPausedDay_ShowsTheBannerWithTheReasonAndNoBrake()
    {
        await using var context = Context(StaffRoles.Receptionist);
        var store = context.Services.GetRequiredService<ConfigurationStore>();
        (await store.PauseChannelAsync(PausableChannel.Online, new DateInterval(_practice.Today, _practice.Today), "Two GPs off sick", OtherManager))
            .Succeeded.Should().BeTrue();

        var home = context.Render<HomePage>();

        home.WaitForAssertion(() => home.Find("[data-testid=brake-banner]").TextContent.Trim().Should().Be("Online booking is paused today: Two GPs off sick"), Wait);
        home.FindAll("[data-testid=busy-day-brake]").Should().BeEmpty();
    }

    [Fact]
    public void BannerMessage_TodayAndAnotherDay_NamesTheChannelTheDayAndTheReason()
    {
        var today = _practice.Today;
        var pause = new ChannelPause(1, PausableChannel.Online, new DateInterval(today, today.PlusDays(1)), "Two GPs off sick");

        ChannelPauseBanner.Message(pause, today, today).Should().Be("Online booking is paused today: Two GPs off sick");
        ChannelPauseBanner.Message(pause, today.PlusDays(1), today).Should().Be("Online booking is paused on Wednesday 25 November 2026: Two GPs off sick");
    }

    private static readonly ActingParty OtherManager = ActingParty.Staff("user-pat", "Pat Manager");

    private static IEnumerable<string> Buttons(IRenderedComponent<BusyDayBrake> brake) => brake.FindAll("button").Select(b => b.TextContent.Trim());

    private static IRenderedComponent<BusyDayBrake> OpenOnline(BunitContext context)
    {
        var brake = context.Render<BusyDayBrake>();
        brake.WaitForAssertion(() => brake.FindAll("[data-testid=brake-none], [data-testid=brake-pauses]").Should().NotBeEmpty(), Wait);
        brake.FindAll("button").Single(b => b.TextContent.Trim() == "Pause online booking today").Click();
        brake.Find("[data-testid=brake-form]");
        return brake;
    }

    private static Task<IReadOnlyList<StandingPause>> StandingAsync(BunitContext context) =>
        context.Services.GetRequiredService<ConfigurationStore>().GetStandingPausesAsync();

    private BunitContext Context(string role, bool secondFactor = true)
    {
        var context = new BunitContext();
        _practice.AddTo(context);
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = context.AddAuthorization();
        SignIn(_auth, [role], secondFactor);
        return context;
    }

    private static void SignIn(BunitAuthorizationContext auth, string[] roles, bool secondFactor)
    {
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(roles);
        // After the roles: bUnit drops claims set before SetRoles.
        Claim[] claims = [new(ClaimTypes.NameIdentifier, "user-alex"), new("display_name", "Alex Morgan")];
        auth.SetClaims(secondFactor ? [.. claims, new Claim("amr", "mfa")] : claims);
    }
}
