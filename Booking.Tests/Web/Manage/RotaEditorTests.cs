using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage;
using Booking.Web.Components.Pages.Manage.Rota;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The rota page's editor without the page, over the demo practice on a real SQLite file. Today is Tuesday 24 November
/// 2026; Dr Anita Patel works at the main surgery 08:30 to 11:30 every weekday.
/// </summary>
public sealed class RotaEditorTests : IAsyncLifetime
{
    private static readonly ActingParty Manager = ActingParty.Staff("user-alex", "Alex Morgan");
    private ReceptionPractice _practice = default!;
    private ConfigurationStore _store = default!;
    private ActingParty? _signedIn = Manager;
    private RotaEditor _editor = default!;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        var factory = _practice.Database.CreateFactory();
        _store = new ConfigurationStore(factory, _practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        _editor = new RotaEditor(
            _practice.Desk.Queries,
            new RotaEditorQueries(factory, new PracticeConfigurationProvider(factory, _practice.Clock)),
            _store,
            _practice.Clock,
            () => Task.FromResult(_signedIn));
        await _editor.StartAsync(null);
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    private LocalDate Tomorrow => _practice.Today.PlusDays(1);

    [Fact]
    public void StartAsync_NoWeekAsked_ShowsThisWeekWithNothingOpen()
    {
        _editor.Monday.Should().Be(new LocalDate(2026, 11, 23));
        _editor.Week!.Monday.Should().Be(_editor.Monday);
        _editor.Panel.Should().Be(RotaPanel.None);
        _editor.SuggestedDate.Should().Be(_practice.Today);
    }

    [Fact]
    public async Task SubmitAsync_SessionOverlappingDrPatelsMorning_PutsTheOverlapBesideTheTimesAndSavesNothing()
    {
        var templates = _editor.Config!.Rota.Templates.Length;
        _editor.Open(RotaPanel.OneOffForm);

        await _editor.SubmitAsync(OneOff("11:00-12:00"));

        _editor.PageProblems!["Times"].Should().Be("Dr Anita Patel would have overlapping sessions on Wed 25 Nov 2026: 08:30–11:30 and 11:00–12:00.");
        _editor.Refusal.Should().Be(RotaEditor.OverlapRefusal);
        _editor.Pending.Should().BeNull();
        (await ConfigAsync()).Rota.OneOffs.Should().BeEmpty();
        (await ConfigAsync()).Rota.Templates.Should().HaveCount(templates);
    }

    [Fact]
    public async Task SubmitAsync_ChangeAffectingNoBooking_SavesAtOnceAndFocusesTheNotice()
    {
        _editor.Open(RotaPanel.OneOffForm);

        await _editor.SubmitAsync(OneOff("12:00-13:00"));

        _editor.Notice.Should().Be("One-off session added.");
        _editor.Panel.Should().Be(RotaPanel.None);
        _editor.Focus.Should().Be(RotaFocus.Notice);
        (await ConfigAsync()).Rota.OneOffs.Should().ContainSingle().Which.Date.Should().Be(Tomorrow);
        _editor.Config!.Rota.OneOffs.Should().ContainSingle("the week is read again after saving");
    }

    [Fact]
    public async Task ConfirmAsync_LeaveOverABookedAppointment_WaitsForTheAcknowledgementThenSavesAndListsIt()
    {
        await _practice.Desk.BookAsync("Dr Anita Patel", Tomorrow.At(new LocalTime(9, 0)), new PatientDetails(NhsNumber.Parse("4010232137"), "First Come", new LocalDate(1990, 3, 4)));
        await _editor.LoadAsync();
        var patel = PatelId();

        await _editor.SubmitAsync(new RotaChange("Leave added.", new AddLeave(patel, new DateInterval(Tomorrow, Tomorrow)), new DateInterval(Tomorrow, Tomorrow)));

        _editor.PendingAffected.Should().ContainSingle().Which.Appointment.Patient.Name.Should().Be("First Come");
        _editor.PendingAcknowledged.Should().BeFalse();
        await _editor.ConfirmAsync();
        (await ConfigAsync()).Rota.Leave.Should().BeEmpty("not acknowledged, so not saved");

        _editor.Acknowledged = true;
        await _editor.ConfirmAsync();

        _editor.Notice.Should().Be("Leave added.");
        _editor.SavedAffected.Should().ContainSingle();
        (await ConfigAsync()).Rota.Leave.Should().ContainSingle().Which.PractitionerId.Should().Be(patel);
    }

    [Fact]
    public async Task SubmitAsync_SignedInUserIsNoLongerAManager_IsRefusedAndNothingIsSaved()
    {
        _signedIn = null;

        await _editor.SubmitAsync(OneOff("12:00-13:00"));

        _editor.Refusal.Should().Be(ManagerAccess.NotAllowedMessage);
        (await ConfigAsync()).Rota.OneOffs.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_SessionSomeoneElseChangedSinceTheWeekWasRead_IsRefusedAsStale()
    {
        var template = _editor.Config!.Rota.Templates.First(t => t.PractitionerId == PatelId());
        var session = new WeeklySession(template.PractitionerId, template.SiteId, template.DayOfWeek, template.Layout, template.EffectiveFrom, Tomorrow.PlusWeeks(4));
        var version = (await new RotaEditorQueries(_practice.Database.CreateFactory(), new PracticeConfigurationProvider(_practice.Database.CreateFactory(), _practice.Clock))
            .GetSessionTemplateVersionsAsync())[template.Id];
        (await _store.EndSessionTemplateAsync(template.Id, Tomorrow.PlusWeeks(8), ActingParty.Staff("user-other", "Other Manager"))).Succeeded.Should().BeTrue();

        await _editor.SubmitAsync(new RotaChange("Session changed.", ChangeWeeklySession.Of(template, session), new DateInterval(Tomorrow, Tomorrow), ExpectedVersion: version));

        _editor.Stale.Should().BeTrue();
        _editor.Refusal.Should().Be(RotaSaveOutcome.StaleSessionMessage);
    }

    [Fact]
    public async Task SubmitEndAsync_LastDateBeforeTheSessionStarts_SaysSoBesideTheDateAndSubmitsNothing()
    {
        var session = _editor.Week!.Rows.SelectMany(r => r.Cells).SelectMany(c => c.Sessions).First(s => s.Template is not null);
        _editor.SelectSession(session);
        _editor.Open(RotaPanel.EndTemplate, keepSelection: true);
        _editor.EndDate = session.Template!.EffectiveFrom.PlusDays(-1).ToDateOnly();

        await _editor.SubmitEndAsync();

        _editor.SmallProblem.Should().StartWith("The session starts on").And.EndWith("end it on or after that date.");
        _editor.Notice.Should().BeNull();
    }

    [Fact]
    public async Task Open_AfterARefusal_StartsTheNewFormClean()
    {
        await _editor.SubmitAsync(OneOff("11:00-12:00"));
        var key = _editor.FormKey;

        _editor.Open(RotaPanel.ClosureForm);

        (_editor.Refusal, _editor.PageProblems, _editor.Pending).Should().Be((null, null, null));
        _editor.FormKey.Should().Be(key + 1);
        _editor.PanelHeading.Should().Be("Add a closure");
    }

    private int PatelId() => _editor.Config!.Practitioners.Single(p => p.Practitioner.Name == "Dr Anita Patel").Practitioner.Id;

    private RotaChange OneOff(string times)
    {
        var config = _editor.Config!;
        var main = config.Sites.Single(s => s.Site.Name == "Main surgery").Site.Id;
        var gp = config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        var layout = SessionLayout.Uniform(LocalTimeRange.Parse(times), gp, SlotLength.FromMinutes(10));
        return new RotaChange("One-off session added.", new AddOneOffSession(PatelId(), main, Tomorrow, layout), new DateInterval(Tomorrow, Tomorrow));
    }

    private async Task<PracticeConfiguration> ConfigAsync() => (await _practice.Desk.Queries.GetConfigurationAsync())!;
}
