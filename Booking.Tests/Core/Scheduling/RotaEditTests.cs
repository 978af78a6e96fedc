using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Scheduling.RotaExamples;

namespace Booking.Tests.Core.Scheduling;

/// <summary>
/// The rota edits' rules, which the what-if preview and the store both apply. Today is <see cref="RotaExamples.OrdinaryMonday"/>
/// (Monday 12 January 2026); the current rota is Dr Patel's Monday morning, 08:30 to 11:30, every week since 1 January.
/// </summary>
public sealed class RotaEditTests
{
    private static readonly LocalDate Today = OrdinaryMonday;
    private static readonly RotaEditContext Staff = new(Today);
    private static readonly RotaEditContext System = new(Today, LaysDownHistory: true);
    private static readonly Rota Current = new(templates: [PatelMondayMorning()]);

    private static WeeklySession Monday(string times, LocalDate from, LocalDate? to = null) =>
        new(DrPatel, BranchSite, IsoDayOfWeek.Monday, Uniform(times, 10), from, to);

    [Fact]
    public void AddWeeklySession_StartingYesterday_IsRefusedBesideTheFirstDateForStaffButNotForTheSystem()
    {
        var edit = new AddWeeklySession(Monday("14:00-15:00", Today.PlusDays(-1)));

        var refused = edit.Apply(Current, Staff).Refusal;

        refused.Should().NotBeNull();
        refused!.Field.Should().Be(RotaEditField.FirstDate);
        refused.Message.Should().Contain("11 January 2026, which has passed").And.Contain("past days keep the rota they had");
        edit.Apply(Current, System).Proposed!.Templates.Should().HaveCount(2);
    }

    [Fact]
    public void AddWeeklySession_OverlappingTheMondayMorning_IsRefusedBesideTheTimesWithTheFirstDateOfTheOverlap()
    {
        var refused = new AddWeeklySession(Monday("11:00-12:00", Today.PlusDays(1))).Apply(Current, Staff).Refusal;

        refused!.Field.Should().Be(RotaEditField.Times);
        var overlap = refused.Issues.Should().AllBeOfType<OverlappingSessions>().Subject.First();
        (overlap.PractitionerId, overlap.Date).Should().Be((DrPatel, Today.PlusWeeks(1)), "it starts tomorrow, so next Monday is the first clash");
        refused.Issues.Should().HaveCount(13, "every Monday from 19 January to 13 April, the 91 days from tomorrow");
    }

    [Fact]
    public void AddWeeklySession_TheOverlapLiesBeyondTheNinetyOneDaysChecked_IsMade()
    {
        var later = new Rota(templates: [PatelMondayMorning(from: Today.PlusDays(RotaEdit.OverlapCheckDays))]);
        var sooner = new Rota(templates: [PatelMondayMorning(from: Today.PlusDays(RotaEdit.OverlapCheckDays - 7))]);
        var edit = new AddWeeklySession(Monday("11:00-12:00", Today));

        edit.Apply(later, Staff).Succeeded.Should().BeTrue("the first clash is on day 92");
        edit.Apply(sooner, Staff).Refusal!.Field.Should().Be(RotaEditField.Times);
    }

    [Fact]
    public void AddOneOffSession_OnADayWithAnOverlapAlreadyThere_IsMadeWhenItAddsNoneOfItsOwn()
    {
        var overlapping = Current.With(templates: [PatelMondayMorning(), Weekly(2, DrPatel, IsoDayOfWeek.Monday, "11:00-12:00")]);

        var made = new AddOneOffSession(DrPatel, MainSite, Today, Uniform("13:00-14:00", 10)).Apply(overlapping, Staff);

        made.Succeeded.Should().BeTrue("the morning clash was there before; the edit is refused only for clashes it makes");
        made.Proposed!.OneOffs.Should().ContainSingle().Which.Id.Should().Be(1);
    }

    [Fact]
    public void AddDayEdit_ReplacingTimesSoTheyClashWithAOneOff_IsRefused()
    {
        var withOneOff = Current.With(oneOffs: [new OneOffSession(1, DrPatel, MainSite, Today, Uniform("12:00-13:00", 10))]);

        var refused = new AddDayEdit(DayEdit.Replace(1, Today, Uniform("08:30-12:30", 10))).Apply(withOneOff, Staff).Refusal;

        refused!.Field.Should().Be(RotaEditField.Times);
        refused.Message.Should().StartWith("The clinician would be in two sessions at once");
    }

    [Fact]
    public void AddDayEdit_OnADayTheSessionDoesNotRun_IsRefusedAsChangingNothing()
    {
        var refused = new AddDayEdit(DayEdit.Cancel(1, Today.PlusDays(1), "Meeting")).Apply(Current, Staff).Refusal;

        refused!.Issues.Should().ContainSingle().Which.Should().Be(new DayEditWithoutSession(1, Today.PlusDays(1)));
        refused.Message.Should().StartWith("The change would leave the rota with something to fix");
    }

    [Fact]
    public void ChangeWeeklySession_MovingTheFirstDateOfASessionThatHasRun_IsRefusedNamingTheDateItRanFrom()
    {
        var template = Current.Templates[0];
        var edit = ChangeWeeklySession.Of(template, new WeeklySession(DrPatel, MainSite, IsoDayOfWeek.Monday, template.Layout, Today.PlusWeeks(1)));

        var refused = edit.Apply(Current, Staff).Refusal;

        refused!.Field.Should().Be(RotaEditField.FirstDate);
        refused.Message.Should().Be("This session has run since 1 January 2026, so its first date stays: past days keep the rota they had.");
    }

    [Theory]
    [InlineData(-2, false)]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    public void EndWeeklySession_EndsFromYesterdayOn(int lastDay, bool made)
    {
        var result = EndWeeklySession.Of(Current.Templates[0], Today.PlusDays(lastDay)).Apply(Current, Staff);

        result.Succeeded.Should().Be(made);
        if (made)
        {
            result.Proposed!.Templates.Single().EffectiveTo.Should().Be(Today.PlusDays(lastDay));
        }
        else
        {
            result.Refusal!.Message.Should().Contain("last date 11 January 2026 or later");
        }
    }

    [Fact]
    public void EndWeeklySession_BeforeItStarts_IsRefusedBesideTheLastDate()
    {
        var starting = new Rota(templates: [PatelMondayMorning(from: Today.PlusWeeks(2))]);

        var refused = EndWeeklySession.Of(starting.Templates[0], Today.PlusWeeks(1)).Apply(starting, Staff).Refusal;

        (refused!.Field, refused.Message).Should().Be((RotaEditField.LastDate, "The session starts on 26 January 2026; end it on or after that date."));
    }

    [Theory]
    [InlineData(Closure.MaxDaysAtOnce, true)]
    [InlineData(Closure.MaxDaysAtOnce + 1, false)]
    public void AddClosures_AtMostAMonthAtOnce(int days, bool made)
    {
        var result = new AddClosures(new DateInterval(Today, Today.PlusDays(days - 1)), "Refurbishment").Apply(Current, Staff);

        result.Succeeded.Should().Be(made);
        if (made)
        {
            result.Proposed!.Closures.Should().HaveCount(days);
        }
        else
        {
            (result.Refusal!.Field, result.Refusal.Message).Should().Be((RotaEditField.LastDate, Closure.TooManyDaysMessage));
        }
    }

    [Theory]
    [InlineData(PractitionerLeave.MaxDays, true)]
    [InlineData(PractitionerLeave.MaxDays + 1, false)]
    public void AddLeave_AtMostAYear(int days, bool made)
    {
        var result = new AddLeave(DrPatel, new DateInterval(Today, Today.PlusDays(days - 1))).Apply(Current, Staff);

        result.Succeeded.Should().Be(made);
        (result.Refusal?.Field).Should().Be(made ? null : RotaEditField.LastDate);
    }

    [Fact]
    public void WithdrawLeave_ThatHasBegun_EndsItYesterday_ThatHasNot_TakesItAway()
    {
        var begun = new PractitionerLeave(1, DrPatel, new DateInterval(Today.PlusDays(-3), Today.PlusDays(4)));
        var coming = new PractitionerLeave(2, DrPatel, new DateInterval(Today.PlusDays(7), Today.PlusDays(8)));
        var rota = Current.With(leave: [begun, coming]);

        var cameBackEarly = new WithdrawLeave(1, begun.Dates).Apply(rota, Staff).Proposed!;
        var cancelled = new WithdrawLeave(2, coming.Dates).Apply(rota, Staff).Proposed!;

        var ended = cameBackEarly.Leave.Single(l => l.Id == 1).Dates;
        (ended.Start, ended.End).Should().Be((Today.PlusDays(-3), Today.PlusDays(-1)), "the days already taken stay");
        cancelled.Leave.Select(l => l.Id).Should().Equal(1);
        new WithdrawLeave(1, begun.Dates).Apply(rota, System).Proposed!.Leave.Select(l => l.Id).Should().Equal(2);
    }

    [Fact]
    public void WithdrawLeave_ThatIsOver_IsRefused()
    {
        var over = new PractitionerLeave(1, DrPatel, new DateInterval(Today.PlusDays(-5), Today.PlusDays(-1)));

        var refused = new WithdrawLeave(1, over.Dates).Apply(Current.With(leave: [over]), Staff).Refusal;

        refused!.Message.Should().StartWith("The leave's last day is 11 January 2026, which has passed");
    }

    [Fact]
    public void WithdrawClosure_NotInTheRota_IsRefusedAsAWhole()
    {
        var refused = new WithdrawClosure(9, Today).Apply(Current, Staff).Refusal;

        refused!.Field.Should().Be(RotaEditField.Whole);
        refused.Message.Should().Contain("not in the rota");
    }

    [Fact]
    public void AffectsFrom_EndingASession_IsTheDayAfterItsLastDate()
    {
        EndWeeklySession.Of(Current.Templates[0], Today.PlusDays(3)).AffectsFrom.Should().Be(Today.PlusDays(4));
        ChangeWeeklySession.Of(Current.Templates[0], Monday("09:00-10:00", new LocalDate(2026, 1, 1))).AffectsFrom.Should().Be(new LocalDate(2026, 1, 1));
    }
}
