using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Rota;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The rota grid's week on the demo practice (a real SQLite file, today Tue 24 Nov 2026), with a clinician and site each
/// test adds so the demo's own sessions stay as seeded.
/// </summary>
public sealed class RotaWeekTests : IAsyncLifetime
{
    private static readonly ActingParty By = ActingParty.System("rota-week-test");
    private static readonly LocalDate Monday = new(2026, 11, 30);
    private ReceptionPractice _practice = default!;
    private ConfigurationStore _store = default!;
    private int _clinician;
    private int _site;
    private int _gp;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _store = new ConfigurationStore(_practice.Database.CreateFactory(), _practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        _clinician = (await _store.AddPractitionerAsync(new PractitionerDetails("Dr Grid Test", PractitionerRole.Gp), By)).Value!.Id;
        _site = (await _store.AddSiteAsync("Grid annex", By)).Value!.Id;
        _gp = (await ConfigAsync()).Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task Build_BankHolidayWeek_SuppressesTheSessionAndNamesTheHoliday()
    {
        var week = await BuildAsync(new LocalDate(2026, 12, 30), RotaGrouping.Practitioner);

        var boxingDay = new LocalDate(2026, 12, 28);
        week.Monday.Should().Be(boxingDay);
        week.Days[0].Holiday!.Name.Should().Be("Boxing Day (substitute day)");
        var patel = week.Rows.Single(r => r.Name == "Dr Anita Patel");
        patel.Cells[0].Sessions.Should().NotBeEmpty()
            .And.OnlyContain(s => s.Status == SessionStatus.BankHoliday && s.Note == "Boxing Day (substitute day)");
        patel.Cells[1].Sessions.Should().NotBeEmpty().And.OnlyContain(s => s.Status == SessionStatus.Runs, "the Tuesday is an ordinary day");
    }

    [Fact]
    public async Task Build_ClosureForPartOfTheSessionAtItsSite_MarksItPartlyClosedAndIgnoresOtherSites()
    {
        var wednesday = Monday.PlusDays(2);
        await AddTemplateAsync(IsoDayOfWeek.Wednesday, "09:00-12:00", WeekPattern.EveryWeek);
        var otherSite = (await ConfigAsync()).Sites.Single(s => s.Site.Name == "Riverside branch").Site.Id;
        (await _store.AddClosureAsync(wednesday, "Fire drill", By, LocalTimeRange.Parse("10:00-11:00"), _site)).Succeeded.Should().BeTrue();
        (await _store.AddClosureAsync(wednesday, "Boiler repair", By, siteId: otherSite)).Succeeded.Should().BeTrue();

        var week = await BuildAsync(Monday, RotaGrouping.Practitioner);

        var session = Cell(week, _clinician, wednesday).Sessions.Should().ContainSingle().Subject;
        session.Status.Should().Be(SessionStatus.PartlyClosed);
        session.Note.Should().Be("Fire drill 10:00–11:00");
        week.Days[2].Closures.Select(c => c.Reason).Should().BeEquivalentTo("Fire drill", "Boiler repair");
    }

    [Fact]
    public async Task Build_LeaveAllDayAndPartOfADay_MarksTheSessionsAndListsTheLeaveInTheCell()
    {
        var (thursday, friday) = (Monday.PlusDays(3), Monday.PlusDays(4));
        await AddTemplateAsync(IsoDayOfWeek.Thursday, "09:00-12:00", WeekPattern.EveryWeek);
        await AddTemplateAsync(IsoDayOfWeek.Friday, "09:00-12:00", WeekPattern.EveryWeek);
        (await _store.AddLeaveAsync(_clinician, new DateInterval(thursday, thursday), By)).Succeeded.Should().BeTrue();
        (await _store.AddLeaveAsync(_clinician, new DateInterval(friday, friday), By, LocalTimeRange.Parse("11:00-12:30"))).Succeeded.Should().BeTrue();

        var week = await BuildAsync(Monday, RotaGrouping.Practitioner);

        var away = Cell(week, _clinician, thursday);
        away.Leave.Should().ContainSingle();
        away.Sessions.Single().Status.Should().Be(SessionStatus.OnLeave);
        var partly = Cell(week, _clinician, friday).Sessions.Single();
        partly.Status.Should().Be(SessionStatus.PartlyOnLeave);
        partly.Note.Should().Be("On leave 11:00–12:30");
        Cell(week, _clinician, Monday.PlusDays(2)).Leave.Should().BeEmpty();
    }

    [Fact]
    public async Task Build_WeekTwoOfTwoTemplate_ShowsOnlyInItsWeeks()
    {
        await AddTemplateAsync(IsoDayOfWeek.Monday, "14:00-16:00", WeekPattern.WeeksOfCycle(2, [2], Monday));

        var weeks = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var week = await BuildAsync(Monday.PlusWeeks(i), RotaGrouping.Practitioner);
            weeks.Add(Cell(week, _clinician, Monday.PlusWeeks(i)).Sessions.Count);
        }

        weeks.Should().Equal(0, 1, 0, 1);
    }

    [Fact]
    public async Task Build_SiteView_RowsAreSitesWithTheirSessionsAndNoLeave()
    {
        var tuesday = Monday.PlusDays(1);
        await AddTemplateAsync(IsoDayOfWeek.Tuesday, "09:00-10:00", WeekPattern.EveryWeek);
        (await _store.AddLeaveAsync(_clinician, new DateInterval(tuesday, tuesday), By, LocalTimeRange.Parse("15:00-16:00"))).Succeeded.Should().BeTrue();

        var bySite = await BuildAsync(Monday, RotaGrouping.Site);
        var byClinician = await BuildAsync(Monday, RotaGrouping.Practitioner);

        bySite.Rows.Select(r => r.Name).Should().Contain(["Grid annex", "Riverside branch"]).And.NotContain("Dr Grid Test");
        var annex = bySite.Rows.Single(r => r.Id == _site);
        annex.Name.Should().Be("Grid annex");
        annex.Cells.SelectMany(c => c.Sessions).Should().ContainSingle().Which.PractitionerId.Should().Be(_clinician);
        bySite.Rows.SelectMany(r => r.Cells).SelectMany(c => c.Leave).Should().BeEmpty("leave belongs to clinicians, not sites");
        byClinician.Rows.Select(r => r.Name).Should().Contain(["Dr Grid Test", "Dr Anita Patel"]).And.NotContain("Grid annex");
        var clinician = byClinician.Rows.Single(r => r.Id == _clinician);
        clinician.Name.Should().Be("Dr Grid Test");
        Cell(byClinician, _clinician, tuesday).Sessions.Single().SiteId.Should().Be(_site);
        Cell(byClinician, _clinician, tuesday).Leave.Should().ContainSingle();
    }

    private static RotaCell Cell(RotaWeek week, int rowId, LocalDate date) =>
        week.Rows.Single(r => r.Id == rowId).Cells.Single(c => c.Date == date);

    private async Task<PracticeConfiguration> ConfigAsync() => (await _practice.Desk.Queries.GetConfigurationAsync())!;

    private async Task<RotaWeek> BuildAsync(LocalDate anyDay, RotaGrouping grouping)
    {
        var config = await ConfigAsync();
        var monday = RotaWeek.MondayOf(anyDay);
        var queries = new RotaEditorQueries(_practice.Database.CreateFactory(), new PracticeConfigurationProvider(_practice.Database.CreateFactory(), _practice.Clock));
        var edits = await queries.GetDayEditsAsync(new DateInterval(monday, monday.PlusDays(6)));
        return RotaWeek.Build(config, edits, anyDay, grouping);
    }

    private async Task AddTemplateAsync(IsoDayOfWeek day, string times, WeekPattern pattern)
    {
        var added = await _store.AddSessionTemplateAsync(
            new WeeklySession(_clinician, _site, day, SessionLayout.Uniform(LocalTimeRange.Parse(times), _gp, SlotLength.FromMinutes(10)), Monday, null, pattern),
            By);
        added.Succeeded.Should().BeTrue(added.Message);
    }
}
