using System.Globalization;
using Booking.Data.Identity;
using Booking.Data.Seeding;
using Booking.Web.Components.Pages.Manage.Reports;
using Bunit;
using FluentAssertions;
using MudBlazor.Services;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The impact report page over the demo practice and its history (Tuesday 24 November 2026, 10:05), where GP telephone
/// slots were released online from Monday 12 October.
/// </summary>
public sealed class ImpactReportPageTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private ReceptionPractice _practice = default!;

    public ImpactReportPageTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        Services.AddMudServices();
        var auth = this.AddAuthorization();
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(StaffRoles.PracticeManager);
        await DemoHistory.SeedAsync(_practice.Database.CreateFactory(), _practice.Clock);
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public void Render_DemoHistory_ComparesAroundTheNewestChangeWithMoreSlotsOfferedOnlineAfter()
    {
        var page = Render<ImpactReportPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=report-impact]"), Wait);
        var change = DemoPractice.OnlineTelephoneFrom(_practice.Today);
        page.Find("#impact-change option:checked").TextContent.Should().Contain("Changed release rule for GP telephone appointment");
        var online = Row(page, "Slots offered per week: online");
        Number(online[1]).Should().BeLessThan(Number(online[2]));
        online[3].Should().StartWith("+");
        Row(page, "Days measured").Take(3).Should().Equal("Days measured", "42", "42");
        page.Find("a.report-download").GetAttribute("href").Should().Be($"manage/reports/impact/csv?date={change:yyyy-MM-dd}&weeks=6");
        page.Find("[data-testid=impact-sides]").TextContent.Should().Contain("all 42 days measured");
    }

    [Fact]
    public async Task Compare_WeeksOutOfRange_SaysSoNextToTheFieldAndKeepsTheLastReport()
    {
        var page = Render<ImpactReportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-impact]"), Wait);

        page.Find("#impact-weeks").Change("27");
        await page.Find("form").SubmitAsync();

        page.Find("#impact-weeks-problem").TextContent.Should().Be("Choose 1 to 26 weeks each side.");
        page.Find("#impact-weeks").GetAttribute("aria-invalid").Should().Be("true");
        page.Find("[data-testid=report-impact]").Should().NotBeNull();
    }

    [Fact]
    public async Task Compare_DateChosenButNotGiven_AsksForOne()
    {
        var page = Render<ImpactReportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-impact]"), Wait);

        page.Find("#impact-change").Change("date");
        await page.Find("form").SubmitAsync();

        page.Find("#impact-date-problem").TextContent.Should().Be("Choose a saved change or a date.");
        page.Find("#impact-date").GetAttribute("aria-invalid").Should().Be("true");
    }

    [Fact]
    public async Task Compare_DateInTheFuture_SaysTheAfterSideHasNotHappened()
    {
        var page = Render<ImpactReportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-impact]"), Wait);

        page.Find("#impact-change").Change("date");
        page.Find("#impact-date").Change(_practice.Today.PlusDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        page.Find("#impact-weeks").Change("2");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => page.Find("[data-testid=impact-sides]").TextContent.Should().Contain("After").And.Contain("it has not happened yet"), Wait);
        Row(page, "Days measured").Take(3).Should().Equal("Days measured", "7", "0");
    }

    private static List<string> Row(IRenderedComponent<ImpactReportPage> page, string label) =>
        page.FindAll("[data-testid=report-impact] tbody tr")
            .Select(row => row.Children.Select(cell => cell.TextContent.Trim()).ToList())
            .Single(cells => cells[0] == label);

    private static double Number(string cell) => double.Parse(cell, CultureInfo.GetCultureInfo("en-GB"));
}
