using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Web.Components.Pages.Manage;
using Booking.Web.Components.Pages.Manage.Release;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The release rules page's editor without the page, over the demo practice on a real SQLite file (today is Tuesday
/// 24 November 2026; online patients may take at most 30% of GP appointment slots each day, a quota in force since
/// before today).
/// </summary>
public sealed class ReleaseRulesEditorTests : IAsyncLifetime
{
    private ReceptionPractice _practice = default!;
    private ActingParty? _signedIn = ActingParty.Staff("user-alex", "Alex Morgan");
    private ReleaseRulesEditor _editor = default!;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        var factory = _practice.Database.CreateFactory();
        var store = new ConfigurationStore(factory, _practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        _editor = new ReleaseRulesEditor(_practice.Desk.Queries, store, _practice.Clock, () => Task.FromResult(_signedIn));
        await _editor.ReloadAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    private LocalDate Today => _practice.Today;

    [Fact]
    public void ChangeQuota_InForceSinceBeforeToday_AcceptsAStartFromTodayAndSuggestsTomorrow()
    {
        _editor.ChangeQuota(OnlineGpQuota());

        _editor.Step.Should().Be(ReleaseStep.QuotaForm);
        _editor.EarliestFrom.Should().Be(Today);
        _editor.QuotaInput!.From.Should().Be(Today.PlusDays(1));
        _editor.Changing.Should().Be(OnlineGpQuota().Id);
    }

    [Fact]
    public async Task PreviewEndAsync_Yesterday_SaysTheFirstDayAcceptedAndPreviewsNothing()
    {
        _editor.EndQuota(OnlineGpQuota());
        _editor.EndLast = Today.PlusDays(-1).ToDateOnly();

        await _editor.PreviewEndAsync();

        _editor.EndProblem.Should().Be("The last day must be on or after Tue 24 Nov 2026.");
        _editor.Step.Should().Be(ReleaseStep.EndForm);
        _editor.Preview.Should().BeNull();
    }

    [Fact]
    public async Task SaveAsync_EndingTheQuotaToday_PreviewsThenSavesAndListsItEnded()
    {
        var quota = OnlineGpQuota();
        _editor.EndQuota(quota);
        await _editor.PreviewEndAsync();
        _editor.Step.Should().Be(ReleaseStep.Preview);
        _editor.Preview!.Problem.Should().BeNull();
        _editor.PreviewFrom.Should().Be(Today.PlusDays(1));
        (await ConfigAsync()).QuotaVersions.Single(q => q.Id == quota.Id).EffectiveTo.Should().BeNull("the preview saves nothing");

        await _editor.SaveAsync();

        _editor.Notice.Should().StartWith("Saved. End the quota: Online patients");
        _editor.Step.Should().Be(ReleaseStep.List);
        _editor.Config!.QuotaVersions.Single(q => q.Id == quota.Id).EffectiveTo.Should().Be(Today);
    }

    [Fact]
    public async Task SaveAsync_SignedInUserIsNoLongerAManager_IsRefusedAndKeepsThePreview()
    {
        _editor.EndQuota(OnlineGpQuota());
        await _editor.PreviewEndAsync();
        _signedIn = null;

        await _editor.SaveAsync();

        _editor.Refusal.Should().Be(ManagerAccess.NotAllowedMessage);
        _editor.Step.Should().Be(ReleaseStep.Preview);
        (await ConfigAsync()).QuotaVersions.Single(q => q.Id == OnlineGpQuota().Id).EffectiveTo.Should().BeNull();
    }

    [Fact]
    public void ConfirmCap_StartingYesterdayWithNoNumber_SaysWhatIsWrongWithEachField()
    {
        _editor.EditCap();
        _editor.CapMax = "lots";
        _editor.CapFrom = Today.PlusDays(-1).ToDateOnly();

        _editor.ConfirmCap();

        _editor.CapProblems["cap-max"].Should().StartWith("Enter the most future appointments");
        _editor.CapProblems["cap-from"].Should().Be("It must start on or after Tue 24 Nov 2026.");
        _editor.Step.Should().Be(ReleaseStep.CapForm);
    }

    [Fact]
    public async Task BackToEdit_FromThePreview_ReturnsToTheFormWithWhatWasTyped()
    {
        _editor.EndQuota(OnlineGpQuota());
        var last = Today.PlusDays(3).ToDateOnly();
        _editor.EndLast = last;
        await _editor.PreviewEndAsync();

        _editor.BackToEdit();

        (_editor.Step, _editor.EndLast).Should().Be((ReleaseStep.EndForm, last));
    }

    private QuotaVersion OnlineGpQuota()
    {
        var config = _editor.Config!;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        return config.QuotaVersions.Single(q => q.Spec.ServiceId == gp && q.Spec.Channel.Kind == ChannelSelectorKind.Online && q.EffectiveTo is null);
    }

    private async Task<PracticeConfiguration> ConfigAsync() => (await _practice.Desk.Queries.GetConfigurationAsync())!;
}
