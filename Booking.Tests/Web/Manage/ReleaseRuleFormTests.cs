using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Web.Components.Pages.Manage.Release;
using Bunit;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The release rule and quota forms over the demo practice: messages next to the fields, nothing typed lost.</summary>
public sealed class ReleaseRuleFormTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;
    private PracticeConfiguration _config = default!;

    public ReleaseRuleFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private LocalDate Today => _practice.Today;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        _config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public void Submit_NoServiceNoChannel_SaysWhatIsMissingAndDoesNotPreview()
    {
        var previewed = false;
        var form = RenderRuleForm(ReleaseRuleInput.New(Today.PlusDays(1)), _ => previewed = true);
        form.Find("#rule-reception").Change(false);

        form.Find("form").Submit();

        form.Find("#rule-service-error").TextContent.Should().Be("Choose the service the rule is for.");
        form.Find("#rule-service").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#rule-channels-error").TextContent.Should().Be("Tick at least one channel that may book these slots.");
        previewed.Should().BeFalse();
    }

    [Fact]
    public void Submit_BadWindowAndPastStart_ShowsEachProblemBesideItsFieldAndKeepsWhatWasTyped()
    {
        var form = RenderRuleForm(ReleaseRuleInput.New(Today.PlusDays(1)), _ => { });
        form.Find("#rule-service").Change(Gp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#rule-online").Change(true);
        form.Find("#rule-online-window").Input("two weeks");
        form.Find("#rule-online-notice").Input("90");
        form.Find("#rule-online-notice-unit").Change(nameof(TimeUnit.Minutes));
        form.Find("#rule-from").Change(Today.PlusDays(-1).ToString("yyyy-MM-dd", null));

        form.Find("form").Submit();

        form.Find("#rule-online-window-error").TextContent.Should().StartWith("Enter how many days ahead it may book");
        form.Find("#rule-online-window").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#rule-online-window").GetAttribute("value").Should().Be("two weeks");
        form.Find("#rule-online-notice").GetAttribute("value").Should().Be("90");
        form.Find("#rule-online-notice-error").TextContent.Should().BeEmpty();
        form.Find("#rule-from-error").TextContent.Should().Be($"It must start on or after {ReleaseDescriptions.Day(Today)}.");
        form.Find("#rule-channels-error").TextContent.Should().BeEmpty();
    }

    [Fact]
    public void New_ReleasingOnline_KeepsReceptionTickedSoReceptionKeepsItsSlots()
    {
        ReleaseRuleSpec? previewed = null;
        var form = RenderRuleForm(ReleaseRuleInput.New(Today.PlusDays(1)), spec => previewed = spec);

        form.Find("#rule-reception").HasAttribute("checked").Should().BeTrue();
        form.Find("#rule-service").Change(Gp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#rule-online").Change(true);
        form.Find("form").Submit();

        ReleaseDescriptions.ChannelLines(previewed!).Should().Equal("Reception: any time", "Online patients: any time");
    }

    [Fact]
    public void Submit_ValidOnlineRelease_PreviewsTheRuleWithTheOnlineTerms()
    {
        ReleaseRuleSpec? previewed = null;
        var form = RenderRuleForm(ReleaseRuleInput.New(Today.PlusDays(1)), spec => previewed = spec);
        form.Find("#rule-service").Change(Gp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#rule-reception").Change(true);
        form.Find("#rule-online").Change(true);
        form.Find("#rule-online-opens").Change(nameof(EmbargoKind.AtTime));
        form.Find("#rule-online-window").Input("14");
        form.Find("#rule-online-notice").Input("1");

        form.Find("form").Submit();

        previewed.Should().NotBeNull();
        previewed!.Scope.ServiceId.Should().Be(Gp);
        ReleaseDescriptions.ChannelLines(previewed).Should().Equal(
            "Reception: any time",
            "Online patients: from 08:00 on the day, up to 14 days ahead, at least 1 hour's notice");
    }

    [Fact]
    public void ChangeOf_StoredRule_FillsTheFormSoAnUnchangedSubmitGivesTheSameRelease()
    {
        var stored = _config.RuleVersions.Single(r => r.Spec.Scope.ServiceId == Gp);
        ReleaseRuleSpec? previewed = null;
        var form = RenderRuleForm(ReleaseRuleInput.ChangeOf(stored, Today.PlusDays(1)), spec => previewed = spec, isChange: true);

        form.Find("form").Submit();

        ReleaseDescriptions.ChannelLines(previewed!).Should().Equal(ReleaseDescriptions.ChannelLines(stored.Spec));
        form.Find("#rule-service").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void QuotaForm_Nhs111Daily_SuggestsOneSlotPer3000PatientsAndRefusesABadCount()
    {
        var input = QuotaInput.New(Today.PlusDays(1));
        var form = Render<QuotaForm>(p => p
            .Add(f => f.Config, _config).Add(f => f.Input, input).Add(f => f.Title, "Add a quota").Add(f => f.EarliestFrom, Today));
        form.Find("#quota-channel").Change("nhs111");

        form.Find("[data-testid=nhs111-suggestion]").TextContent.Should().Contain("3 slots a day");
        form.Find("#quota-limit").Input("-1");
        form.Find("form").Submit();
        form.Find("#quota-limit-error").TextContent.Should().Be("Enter how many bookings, a whole number (0 closes the channel).");

        form.FindAll("button").Single(b => b.TextContent.Contains("Use 3", StringComparison.Ordinal)).Click();
        form.Find("#quota-limit").GetAttribute("value").Should().Be("3");
    }

    private int Gp => _config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;

    private IRenderedComponent<ReleaseRuleForm> RenderRuleForm(ReleaseRuleInput input, Action<ReleaseRuleSpec> onPreview, bool isChange = false) =>
        Render<ReleaseRuleForm>(p => p
            .Add(f => f.Config, _config)
            .Add(f => f.Input, input)
            .Add(f => f.Title, "Release rule")
            .Add(f => f.EarliestFrom, Today)
            .Add(f => f.IsChange, isChange)
            .Add(f => f.OnPreview, onPreview));
}
