using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Reporting;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The past is not rewritten (issue 18, item 3): staff change the rota from today on, so past days keep the capacity
/// they had and the reports of them never move. Today is Friday 29 May 2026; the test practice's Monday session has run
/// since 4 May.
/// </summary>
public sealed class PastRotaTests : IAsyncLifetime
{
    private static readonly LocalDate Today = new(2026, 5, 29);
    private static readonly DateInterval PastWeeks = new(new LocalDate(2026, 5, 4), Today.PlusDays(-1));
    private static readonly ActingParty Manager = ActingParty.Staff("user-m", "Alex Morgan");
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private ReportQueries _reports = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _reports = new ReportQueries(_stores.Factory, _stores.Configuration, _stores.Refusals, _stores.Clock);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BackdatedChanges_WeeklySessionClosureOneOffDayEdit_AreRefusedWithTheReason_AndThePastReportsStay()
    {
        var before = await PastCapacityAsync();
        var monthAgo = new LocalDate(2026, 4, 28);

        var session = await _stores.Store.AddSessionTemplateAsync(Tuesdays(from: monthAgo), Manager);
        var closure = await _stores.Store.AddClosureAsync(new LocalDate(2026, 5, 25), "Training", Manager);
        var oneOff = await _stores.Store.AddOneOffSessionAsync(
            _practice.PractitionerId, _practice.SiteId, new LocalDate(2026, 5, 23), Layout("09:00-10:00"), Manager);
        var dayEdit = await _stores.Store.CancelSessionOnAsync(_practice.Template.Id, new LocalDate(2026, 5, 18), "Meeting", Manager);
        var leave = await _stores.Store.AddLeaveAsync(_practice.PractitionerId, new DateInterval(new LocalDate(2026, 5, 25), Today.PlusDays(3)), Manager);

        foreach (var refused in new[] { session.Message, closure.Message, oneOff.Message, dayEdit.Message, leave.Message })
        {
            refused.Should().Contain("which has passed").And.Contain("29 May 2026");
        }

        new[] { session.Succeeded, closure.Succeeded, oneOff.Succeeded, dayEdit.Succeeded, leave.Succeeded }.Should().AllBeEquivalentTo(false);
        session.Message.Should().Contain("28 April 2026");
        (await PastCapacityAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task ChangesFromToday_AreAccepted()
    {
        (await _stores.Store.AddSessionTemplateAsync(Tuesdays(from: Today), Manager)).Succeeded.Should().BeTrue();
        (await _stores.Store.AddClosureAsync(Today, "Fire drill", Manager)).Succeeded.Should().BeTrue();
        (await _stores.Store.CancelSessionOnAsync(_practice.Template.Id, TestPractice.Monday, "Meeting", Manager)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task SessionThatHasRun_ItsFirstDateCannotMove_AndItEndsFromTodayOn()
    {
        var before = await PastCapacityAsync();
        var template = _practice.Template;
        var laterStart = new WeeklySession(
            template.PractitionerId, template.SiteId, template.DayOfWeek, template.Layout, new LocalDate(2026, 5, 18));

        var moved = await _stores.Store.UpdateSessionTemplateAsync(template.Id, laterStart, Manager);
        var endedInThePast = await _stores.Store.EndSessionTemplateAsync(template.Id, new LocalDate(2026, 5, 20), Manager);
        var endedYesterday = await _stores.Store.EndSessionTemplateAsync(template.Id, Today.PlusDays(-1), Manager);

        moved.Message.Should().Contain("4 May 2026");
        endedInThePast.Message.Should().Contain("28 May 2026 or later");
        endedYesterday.Succeeded.Should().BeTrue();
        (await PastCapacityAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Withdrawals_OfPastClosuresAndLeave_AreRefused_LeaveThatHasBegunEndsYesterday()
    {
        var pastClosure = (await _stores.Store.AddClosureAsync(new LocalDate(2026, 5, 11), "Training", DataStores.Setup)).Value!;
        var pastLeave = (await _stores.Store.AddLeaveAsync(
            _practice.PractitionerId, new DateInterval(new LocalDate(2026, 5, 18), new LocalDate(2026, 5, 19)), DataStores.Setup)).Value!;
        var currentLeave = (await _stores.Store.AddLeaveAsync(
            _practice.PractitionerId, new DateInterval(new LocalDate(2026, 5, 25), TestPractice.Monday), DataStores.Setup)).Value!;
        var before = await PastCapacityAsync();

        var closureWithdrawn = await _stores.Store.WithdrawClosureAsync(pastClosure.Id, Manager);
        var pastLeaveWithdrawn = await _stores.Store.WithdrawLeaveAsync(pastLeave.Id, Manager);
        var cameBackEarly = await _stores.Store.WithdrawLeaveAsync(currentLeave.Id, Manager);

        closureWithdrawn.Message.Should().Contain("which has passed");
        pastLeaveWithdrawn.Message.Should().Contain("which has passed");
        cameBackEarly.Succeeded.Should().BeTrue();
        (cameBackEarly.Value!.Dates.Start, cameBackEarly.Value.Dates.End).Should().Be((new LocalDate(2026, 5, 25), Today.PlusDays(-1)), "the days already taken stay");
        (await PastCapacityAsync()).Should().Equal(before);
        var monday = await _stores.Queries.GetAvailabilityAsync(new Booking.Core.Release.Caller(Booking.Core.Release.Channel.Reception), new DateInterval(TestPractice.Monday, TestPractice.Monday));
        monday.ReasonsFor(_practice.Slot(9, 0)).Should().NotBeNull().And.BeEmpty("from today the practitioner is back");
    }

    private WeeklySession Tuesdays(LocalDate from) =>
        new(_practice.PractitionerId, _practice.SiteId, IsoDayOfWeek.Tuesday, Layout("14:00-15:00"), from);

    private SessionLayout Layout(string times) => SessionLayout.Uniform(LocalTimeRange.Parse(times), _practice.ServiceId, SlotLength.FromMinutes(10));

    private async Task<List<(LocalDate Date, int Bookable)>> PastCapacityAsync()
    {
        var set = (await _reports.GetAsync(PastWeeks))!;
        return set.ByDay.Select(row => (row.Key, row.Bookable)).ToList();
    }
}
