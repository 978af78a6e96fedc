using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Rota;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// Two managers changing the same weekly session: the form carries the version the page loaded, so the second save is
/// refused with a reload message instead of silently overwriting the first (a real SQLite file with the demo practice).
/// </summary>
public sealed class RotaSessionConcurrencyTests : BunitContext, IAsyncLifetime
{
    private static readonly ActingParty Manager = ActingParty.System("manager-one");
    private static readonly ActingParty OtherManager = ActingParty.System("manager-two");
    private ReceptionPractice _practice = default!;
    private ConfigurationStore _store = default!;
    private WeeklySession _details = default!;
    private int _templateId;
    private readonly List<RotaChange> _submitted = [];

    public RotaSessionConcurrencyTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _store = new ConfigurationStore(_practice.Database.CreateFactory(), _practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        var clinician = (await _store.AddPractitionerAsync(new PractitionerDetails("Dr Version Test", PractitionerRole.Gp), Manager)).Value!.Id;
        var config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
        var site = config.Sites.Single(s => s.Site.Name == "Main surgery").Site.Id;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        _details = new WeeklySession(
            clinician, site, IsoDayOfWeek.Monday, SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), gp, SlotLength.FromMinutes(10)), _practice.Today);
        _templateId = (await _store.AddSessionTemplateAsync(_details, Manager)).Value!.Id;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task Save_SomeoneElseChangedTheSessionSinceItWasOpened_IsRefusedWithTheReloadMessageAndKeepsTheirChange()
    {
        var form = await OpenFormAsync();
        var theirs = await _store.UpdateSessionTemplateAsync(_templateId, _details with { Layout = Layout("13:00-14:00") }, OtherManager);
        theirs.Succeeded.Should().BeTrue(theirs.Message);

        var outcome = await SubmitEndAtAsync(form, "10:30");

        outcome.Succeeded.Should().BeFalse();
        outcome.Stale.Should().BeTrue();
        outcome.Message.Should().Be(RotaSaveOutcome.StaleSessionMessage);
        (await StoredTimesAsync()).Should().Be(LocalTimeRange.Parse("13:00-14:00"), "the other manager's change is not overwritten");
    }

    [Fact]
    public async Task Save_NobodyElseChangedTheSession_SavesAndMovesTheVersionOn()
    {
        var before = (await Queries().GetSessionTemplateVersionsAsync())[_templateId];
        var form = await OpenFormAsync();

        var outcome = await SubmitEndAtAsync(form, "10:30");

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        outcome.Stale.Should().BeFalse();
        (await StoredTimesAsync()).Should().Be(LocalTimeRange.Parse("09:00-10:30"));
        (await Queries().GetSessionTemplateVersionsAsync())[_templateId].Should().BeGreaterThan(before);
    }

    private async Task<IRenderedComponent<SessionForm>> OpenFormAsync()
    {
        var version = (await Queries().GetSessionTemplateVersionsAsync())[_templateId];
        var config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
        return Render<SessionForm>(parameters => parameters
            .Add(f => f.Mode, SessionFormMode.Template)
            .Add(f => f.Config, config)
            .Add(f => f.Template, config.Rota.Templates.Single(t => t.Id == _templateId))
            .Add(f => f.TemplateVersion, version)
            .Add(f => f.OnSubmit, change => _submitted.Add(change)));
    }

    private async Task<RotaSaveOutcome> SubmitEndAtAsync(IRenderedComponent<SessionForm> form, string end)
    {
        form.Find("#part-0-end").Change(end);
        form.Find("form").Submit();
        _submitted.Should().ContainSingle();
        return RotaSaveOutcome.From(
            await _store.SaveRotaEditAsync(_submitted[0].Edit, Manager, _submitted[0].ExpectedVersion), RotaSaveOutcome.StaleSessionMessage);
    }

    private async Task<LocalTimeRange> StoredTimesAsync() =>
        (await _practice.Desk.Queries.GetConfigurationAsync())!.Rota.Templates.Single(t => t.Id == _templateId).Layout.Times;

    private SessionLayout Layout(string times) => SessionLayout.Uniform(LocalTimeRange.Parse(times), _details.Layout.Segments.OfType<SlotRun>().Single().ServiceId, SlotLength.FromMinutes(10));

    private RotaEditorQueries Queries()
    {
        var factory = _practice.Database.CreateFactory();
        return new RotaEditorQueries(factory, new PracticeConfigurationProvider(factory, _practice.Clock));
    }
}
