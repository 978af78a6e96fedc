using Booking.Data.Identity;
using Booking.Web.Components.Layout;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Render_AsReceptionist_HidesManagerLinks()
    {
        var auth = this.AddAuthorization();
        auth.SetAuthorized("Sam Taylor");
        auth.SetRoles(StaffRoles.Receptionist);

        var menu = Render<NavMenu>();

        menu.Markup.Should().Contain("Home");
        menu.Markup.Should().NotContain("Audit log");
    }

    [Fact]
    public void Render_AsPracticeManager_ShowsManagerLinks()
    {
        var auth = this.AddAuthorization();
        auth.SetAuthorized("Alex Morgan");
        auth.SetRoles(StaffRoles.PracticeManager);

        var menu = Render<NavMenu>();

        menu.Markup.Should().Contain("Audit log");
    }
}
