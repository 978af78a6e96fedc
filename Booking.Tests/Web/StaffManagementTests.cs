using System.Net;
using Booking.Data.Auditing;
using Booking.Data.Identity;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// What the staff page does to accounts, on the real app and its SQLite file: invitation links that work once, role
/// changes and password resets that end the member's sign-ins, and the rules that keep a practice from locking itself
/// out (nobody disables or demotes themselves; the last enabled manager stays).
/// </summary>
public sealed class StaffManagementTests : IClassFixture<BookingWebFactory>
{
    private const string NewPassword = "Chosen-By-Them-2026!";
    private readonly BookingWebFactory _factory;

    public StaffManagementTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Invite_LinkSetsThePasswordOnce_ThenTheyCanSignIn()
    {
        var (result, link) = await AsManagerAsync((accounts, manager) => accounts.InviteAsync("gale.new@demo.practice", "Gale New", StaffRoles.Receptionist, manager));
        result.Succeeded.Should().BeTrue(result.Message);
        (await StaffSignIn.PostLoginAsync(StaffSignIn.CreateClient(_factory), "gale.new@demo.practice", NewPassword))
            .StatusCode.Should().Be(HttpStatusCode.OK, "no password signs in before they choose one");

        var first = await PostSetPasswordAsync(link!, NewPassword);
        first.Should().Contain("Your password is set.");
        var receptionist = await StaffSignIn.SignedInClientAsync(_factory, "gale.new@demo.practice", NewPassword);
        (await receptionist.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await PostSetPasswordAsync(link!, "Someone-Else-2026!!");
        again.Should().Contain(WebUtility.HtmlEncode(StaffAccounts.LinkNotValid), "the link worked once");
        await StaffSignIn.SignedInClientAsync(_factory, "gale.new@demo.practice", NewPassword);
    }

    [Fact]
    public async Task SetPassword_WeakPassword_SaysWhyAndTheLinkStillWorks()
    {
        var (_, link) = await AsManagerAsync((accounts, manager) => accounts.InviteAsync("harper.weak@demo.practice", "Harper Weak", StaffRoles.Receptionist, manager));

        var weak = await PostSetPasswordAsync(link!, "short");
        weak.Should().Contain("Passwords must be at least 12 characters.");

        (await PostSetPasswordAsync(link!, NewPassword)).Should().Contain("Your password is set.");
    }

    [Fact]
    public async Task Invite_EmailAlreadyUsed_IsRefused()
    {
        var (result, link) = await AsManagerAsync((accounts, manager) => accounts.InviteAsync(StaffSignIn.ReceptionistEmail, "Someone Else", StaffRoles.Receptionist, manager));

        result.Succeeded.Should().BeFalse();
        result.Message.Should().Contain("is already taken");
        link.Should().BeNull();
    }

    [Fact]
    public async Task ChangeRole_EndsTheirSignIn_AndTheNewSignInHasTheNewRole()
    {
        await AddAsync("indy.role@demo.practice", "Indy Role", StaffRoles.Receptionist);
        var (before, jar) = await SignedInWithJarAsync("indy.role@demo.practice");
        (await before.GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.OK);

        var result = await AsManagerAsync(async (accounts, manager) => await accounts.ChangeRoleAsync(await IdOfAsync("indy.role@demo.practice"), StaffRoles.PracticeManager, manager));

        result.Succeeded.Should().BeTrue(result.Message);
        (await ClientWith(jar).GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the old sign-in carried the old role");
        var again = await StaffSignIn.SignedInClientAsync(_factory, "indy.role@demo.practice", StaffSignIn.ManagerPassword);
        (await again.GetAsync("/manage/rota")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a new manager still needs two-factor sign-in");
        (await AuditActionsAsync(await IdOfAsync("indy.role@demo.practice"))).Should().Contain("staff-user.role-changed");
    }

    [Fact]
    public async Task ResetPassword_OldPasswordAndSignInsStop_TheLinkSetsANewOne()
    {
        await AddAsync("jules.reset@demo.practice", "Jules Reset", StaffRoles.Receptionist);
        var (_, jar) = await SignedInWithJarAsync("jules.reset@demo.practice");

        var (result, link) = await AsManagerAsync(async (accounts, manager) => await accounts.ResetPasswordByLinkAsync(await IdOfAsync("jules.reset@demo.practice"), manager));

        result.Succeeded.Should().BeTrue(result.Message);
        (await ClientWith(jar).GetAsync("/appointments")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StaffSignIn.PostLoginAsync(StaffSignIn.CreateClient(_factory), "jules.reset@demo.practice", StaffSignIn.ManagerPassword))
            .StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer signs in");
        (await PostSetPasswordAsync(link!, NewPassword)).Should().Contain("Your password is set.");
        await StaffSignIn.SignedInClientAsync(_factory, "jules.reset@demo.practice", NewPassword);
    }

    [Fact]
    public async Task Manager_CannotDisableOrDemoteThemselves()
    {
        var managerId = await IdOfAsync(StaffSignIn.ManagerEmail);

        var disable = await AsManagerAsync((accounts, manager) => accounts.DisableAsync(StaffSignIn.ManagerEmail, manager));
        var demote = await AsManagerAsync((accounts, manager) => accounts.ChangeRoleAsync(managerId, StaffRoles.Receptionist, manager));
        var reset = await AsManagerAsync((accounts, manager) => accounts.ResetPasswordByLinkAsync(managerId, manager));

        disable.Succeeded.Should().BeFalse();
        disable.Message.Should().Contain("ask another practice manager");
        demote.Succeeded.Should().BeFalse();
        reset.Result.Succeeded.Should().BeFalse();
        await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
    }

    [Fact]
    public async Task List_ShowsEachAccountsState()
    {
        await AsManagerAsync((accounts, manager) => accounts.InviteAsync("lee.invited@demo.practice", "Lee Invited", StaffRoles.Receptionist, manager));
        await AddAsync("mo.disabled@demo.practice", "Mo Disabled", StaffRoles.Receptionist);
        await AsManagerAsync((accounts, manager) => accounts.DisableAsync("mo.disabled@demo.practice", manager));

        var staff = await InScopeAsync(accounts => accounts.ListAsync());

        staff.Should().ContainSingle(s => s.Email == "lee.invited@demo.practice").Which.State.Should().Be(StaffAccountState.Invited);
        staff.Should().ContainSingle(s => s.Email == "mo.disabled@demo.practice").Which.State.Should().Be(StaffAccountState.Disabled);
        var manager = staff.Should().ContainSingle(s => s.Email == StaffSignIn.ManagerEmail).Which;
        manager.Role.Should().Be(StaffRoles.PracticeManager);
        manager.TwoFactorEnabled.Should().BeTrue();
    }

    private async Task<string> PostSetPasswordAsync(SetPasswordLink link, string password)
    {
        var client = StaffSignIn.CreateClient(_factory);
        var path = Booking.Web.Components.Account.SetPasswordPage.PathFor(link);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await StaffSignIn.FormTokenAsync(client, path),
            ["_handler"] = "set-password",
            ["Input.UserId"] = link.UserId,
            ["Input.Token"] = link.Token,
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpClient Client, System.Net.CookieContainer Jar)> SignedInWithJarAsync(string email)
    {
        var jar = new System.Net.CookieContainer();
        var client = _factory.CreateDefaultClient(new CookieContainerHandler(jar));
        (await StaffSignIn.PostLoginAsync(client, email, StaffSignIn.ManagerPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (client, jar);
    }

    private HttpClient ClientWith(System.Net.CookieContainer jar)
    {
        var copy = new System.Net.CookieContainer();
        copy.Add(jar.GetAllCookies());
        return _factory.CreateDefaultClient(new CookieContainerHandler(copy));
    }

    private async Task AddAsync(string email, string name, string role)
    {
        var result = await InScopeAsync(accounts => accounts.AddAsync(email, name, role, StaffSignIn.ManagerPassword, ActingParty.System("test")));
        result.Succeeded.Should().BeTrue(result.Message);
    }

    private async Task<T> AsManagerAsync<T>(Func<StaffAccounts, ActingParty, Task<T>> work)
    {
        var manager = ActingParty.Staff(await IdOfAsync(StaffSignIn.ManagerEmail), "Alex Morgan");
        return await InScopeAsync(accounts => work(accounts, manager));
    }

    private async Task<T> InScopeAsync<T>(Func<StaffAccounts, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<StaffAccounts>());
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<List<string>> AuditActionsAsync(string userId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Booking.Data.BookingDbContext>();
        return await db.AuditEntries.Where(e => e.SubjectId == userId).Select(e => e.Action).ToListAsync();
    }
}

/// <summary>The last enabled manager is kept, on a practice of its own so no other test's managers count.</summary>
public sealed class LastManagerTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public LastManagerTests(BookingWebFactory factory) => _factory = factory;

    [Fact]
    public async Task LastEnabledManager_CannotBeDisabledOrDemotedByAnotherManager()
    {
        // Kit, a second manager, is disabled by the operator: the demo manager is then the only enabled one, and Kit's
        // still-open page (acting as Kit) can neither demote nor disable them.
        await using var scope = _factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        (await accounts.AddAsync("kit.manager@demo.practice", "Kit Manager", StaffRoles.PracticeManager, StaffSignIn.ManagerPassword, ActingParty.System("test"))).Succeeded.Should().BeTrue();
        var kit = ActingParty.Staff((await users.FindByEmailAsync("kit.manager@demo.practice"))!.Id, "Kit Manager");
        (await accounts.DisableAsync("kit.manager@demo.practice", ActingParty.System("operator"))).Succeeded.Should().BeTrue();
        var demoManagerId = (await users.FindByEmailAsync(StaffSignIn.ManagerEmail))!.Id;

        var demote = await accounts.ChangeRoleAsync(demoManagerId, StaffRoles.Receptionist, kit);
        var disable = await accounts.DisableAsync(StaffSignIn.ManagerEmail, kit);

        demote.Succeeded.Should().BeFalse();
        demote.Message.Should().Contain("only enabled manager");
        disable.Succeeded.Should().BeFalse();
        disable.Message.Should().Contain("only enabled manager");
    }
}
