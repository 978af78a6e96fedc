using Booking.Data.Identity;
using Booking.Web.Components.Layout;
using Bunit;
using Bunit.TestDoubles;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web;

public sealed class NavMenuTests : TestContext
{
    public NavMenuTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Render_AsReceptionist_HidesManagerLinks()
    {
        var auth = this.AddTestAuthorization();
        auth.SetAuthorized("Sam Taylor");
        auth.SetRoles(StaffRoles.Receptionist);

        var menu = RenderComponent<NavMenu>();

        menu.Markup.Should().Contain("Home");
        menu.Markup.Should().NotContain("Audit log");
    }

    [Fact]
    public void Render_AsPracticeManager_ShowsManagerLinks()
    {
        var auth = this.AddTestAuthorization();
        auth.SetAuthorized("Alex Morgan");
        auth.SetRoles(StaffRoles.PracticeManager);

        var menu = RenderComponent<NavMenu>();

        menu.Markup.Should().Contain("Audit log");
    }
}
