using System.Globalization;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The day list, its print and its CSV follow the choices on screen as they are made (issue 18, item 9).</summary>
public sealed class DayListPageTests : IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public Task DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task ChooseClinicianAndDate_EachChoice_IsAppliedAtOnceWithoutAShowButton()
    {
        await using var ctx = NewContext();
        var okafor = await _practice.Desk.PractitionerIdAsync("Dr James Okafor");
        var tomorrow = _practice.Today.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = ctx.Render<DayListPage>();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        page.Find("#daylist-practitioner").Change(okafor.ToString(CultureInfo.InvariantCulture));
        navigation.Uri.Should().EndWith($"appointments/daylist?practitioner={okafor}&date={_practice.Today:yyyy-MM-dd}");
        page.Find("#daylist-date").Change(tomorrow);

        navigation.Uri.Should().EndWith($"appointments/daylist?practitioner={okafor}&date={tomorrow}");
        page.FindAll("button").Select(b => b.TextContent.Trim()).Should().NotContain("Show");
        page.Find("a[download]").GetAttribute("href").Should().EndWith($"?practitioner={okafor}&date={tomorrow}");
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
