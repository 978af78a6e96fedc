using System.Globalization;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using MudBlazor.Services;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>Find next available answers "tomorrow morning" (issue 18, item 5) over the demo practice, clock Tuesday 24 November 2026, 10:05.</summary>
public sealed class FindNextAvailablePageTests : IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public Task DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task Search_TomorrowMorning_ListsOnlyTomorrowBeforeNoon()
    {
        await using var ctx = NewContext();
        var page = ctx.Render<FindNextAvailablePage>();

        page.Find("#find-from").Change(_practice.Today.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        page.Find("#find-time").Change("Morning");
        page.Find("form").Submit();

        page.WaitForAssertion(() => page.FindAll("[data-testid=find-results] tbody tr").Should().NotBeEmpty(), TimeSpan.FromSeconds(10));
        var whens = page.FindAll("[data-testid=find-results] tbody tr td:first-child").Select(td => td.TextContent).ToList();
        whens.Should().AllSatisfy(when =>
        {
            when.Should().StartWith("Wed 25 Nov 2026 at ");
            string.CompareOrdinal(when[^5..], "12:00").Should().BeNegative();
        });
    }

    [Fact]
    public async Task Search_BetweenTimesEndingBeforeTheyStart_SaysSoNextToTheFieldAndKeepsTheTimes()
    {
        await using var ctx = NewContext();
        var page = ctx.Render<FindNextAvailablePage>();

        page.Find("#find-time").Change("Between");
        page.Find("#find-time-from").Change("15:00");
        page.Find("#find-time-to").Change("14:00");
        page.Find("form").Submit();

        page.Find("#find-time-to-error").TextContent.Should().Be("The end time must be after the start time.");
        page.Find("#find-time-to").GetAttribute("aria-invalid").Should().Be("true");
        page.Find("#find-time-from").GetAttribute("value").Should().Be("15:00");
        page.FindAll("[data-testid=find-results]").Should().BeEmpty();
    }

    [Fact]
    public async Task Search_FromAPastDay_SaysSoNextToTheDate()
    {
        await using var ctx = NewContext();
        var page = ctx.Render<FindNextAvailablePage>();

        page.Find("#find-from").Change(_practice.Today.PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        page.Find("form").Submit();

        page.Find("#find-from-error").TextContent.Should().StartWith("Choose today or a later day");
    }

    private BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _practice.AddTo(ctx);
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("reception@demo.practice");
        auth.SetRoles(StaffRoles.Receptionist);
        return ctx;
    }
}
