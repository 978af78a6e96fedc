using Booking.Data.Configuration;
using Booking.Data.Identity;
using Booking.Data.Release;
using Microsoft.Extensions.DependencyInjection;
using Booking.Web.Components.Pages.Manage.Release;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The release rules page over the demo practice: preview first, saved only on "Save", and the role checked again on save.</summary>
public sealed class ReleaseRulesPageTests : BunitContext, IAsyncLifetime
{
    private const string OnlineGpQuota = "End quota: Online patients: at most 30% of GP appointment slots each day";
    private ReceptionPractice _practice = default!;

    public ReleaseRulesPageTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task EndQuota_AsManager_PreviewsWithoutSavingThenSavesOnConfirm()
    {
        SignIn(StaffRoles.PracticeManager);
        var page = await PreviewEndingTheOnlineGpQuotaAsync();

        page.Find("[data-testid=whatif-table]").TextContent.Should().Contain("Online");
        (await OnlineGpQuotaVersionAsync()).EffectiveTo.Should().BeNull("nothing is saved before the manager confirms");

        page.FindAll("button").Single(b => b.TextContent.Trim().EndsWith("Save", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=release-notice]").TextContent.Should().StartWith("Saved."), TimeSpan.FromSeconds(10));
        (await OnlineGpQuotaVersionAsync()).EffectiveTo.Should().Be(_practice.Today);
    }

    [Fact]
    public async Task Save_UserWhoIsNoLongerAManager_IsRefusedAndNothingChanges()
    {
        SignIn();
        var page = await PreviewEndingTheOnlineGpQuotaAsync();

        page.FindAll("button").Single(b => b.TextContent.Trim().EndsWith("Save", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=release-refusal]").TextContent.Should().Contain("may not change the practice set-up"), TimeSpan.FromSeconds(10));
        (await OnlineGpQuotaVersionAsync()).EffectiveTo.Should().BeNull();
    }

    [Fact]
    public async Task SaveCap_StoreRefuses_ShowsTheStoresReasonAndKeepsThePreview()
    {
        SignIn(StaffRoles.PracticeManager);
        var tomorrow = _practice.Today.PlusDays(1);
        var store = Services.GetRequiredService<ConfigurationStore>();
        (await store.SetPatientCapAsync(new PatientCapSpec(3, ChannelSelectorSpec.Online), tomorrow, Booking.Data.Auditing.ActingParty.Staff("user-other", "Other Manager")))
            .Succeeded.Should().BeTrue();
        var page = Render<ReleaseRulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=patient-cap]"), TimeSpan.FromSeconds(10));

        page.FindAll("button").Single(b => b.TextContent.Contains("Change the cap", StringComparison.Ordinal)).Click();
        page.Find("#cap-max").Input("1");
        await page.Find("form").SubmitAsync();
        page.FindAll("button").Single(b => b.TextContent.Trim().EndsWith("Save", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => page.Find("[data-testid=release-refusal]").TextContent.Should().Contain("A cap version already starts on"), TimeSpan.FromSeconds(10));
        page.Find("[data-testid=preview-summary]").TextContent.Should().Contain("at most 1 future appointment");
    }

    [Fact]
    public async Task EndQuota_LastDayYesterday_SaysTheFirstDayAcceptedBesideTheDateAndPreviewsNothing()
    {
        SignIn(StaffRoles.PracticeManager);
        var page = Render<ReleaseRulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=release-quotas]"), TimeSpan.FromSeconds(10));
        page.Find($"button[aria-label='{OnlineGpQuota}']").Click();
        page.Find("#end-last").Change(_practice.Today.PlusDays(-1).ToString("yyyy-MM-dd", null));

        await page.Find("form").SubmitAsync();

        page.Find("#end-last-error").TextContent.Should().Be($"The last day must be on or after {ReleaseDescriptions.Day(_practice.Today)}.");
        page.Find("#end-last").GetAttribute("aria-invalid").Should().Be("true");
        page.FindAll("[data-testid=preview-summary]").Should().BeEmpty();
    }

    private async Task<IRenderedComponent<ReleaseRulesPage>> PreviewEndingTheOnlineGpQuotaAsync()
    {
        var page = Render<ReleaseRulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=release-quotas]"), TimeSpan.FromSeconds(10));
        page.Find($"button[aria-label='{OnlineGpQuota}']").Click();
        page.Find("#end-last").GetAttribute("value").Should().Be(_practice.Today.ToString("yyyy-MM-dd", null));
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => page.Find("[data-testid=preview-summary]"), TimeSpan.FromSeconds(10));
        return page;
    }

    private async Task<QuotaVersion> OnlineGpQuotaVersionAsync()
    {
        var config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        return config.QuotaVersions.Single(q => q.Spec.ServiceId == gp && q.Spec.Channel.Kind == ChannelSelectorKind.Online);
    }

    private void SignIn(params string[] roles)
    {
        var auth = this.AddAuthorization();
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(roles);
        // After the roles: bUnit 1.9.8 drops claims set before SetRoles.
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-alex"),
            new System.Security.Claims.Claim("display_name", "Alex Morgan"),
            new System.Security.Claims.Claim("amr", "mfa"));
    }
}
