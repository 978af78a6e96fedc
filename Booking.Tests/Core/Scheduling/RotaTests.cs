using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Scheduling.RotaExamples;

namespace Booking.Tests.Core.Scheduling;

public class RotaTests
{
    [Fact]
    public void Constructor_TwoTemplatesWithOneId_Throws()
    {
        var act = () => new Rota(templates: [PatelMondayMorning(id: 1), Weekly(1, NurseJones, IsoDayOfWeek.Tuesday, "09:00-10:00")]);

        act.Should().Throw<ArgumentException>().WithMessage("*share id 1*");
    }

    [Fact]
    public void Constructor_EditOfUnknownTemplate_Throws()
    {
        var act = () => new Rota(templates: [PatelMondayMorning()], dayEdits: [DayEdit.Cancel(99, OrdinaryMonday, "Meeting")]);

        act.Should().Throw<ArgumentException>().WithMessage("*template 99*");
    }

    [Fact]
    public void Constructor_TwoEditsOfOneTemplateOnOneDate_Throws()
    {
        var act = () => new Rota(
            templates: [PatelMondayMorning()],
            dayEdits: [DayEdit.Cancel(1, OrdinaryMonday, "Meeting"), DayEdit.Replace(1, OrdinaryMonday, Uniform("09:00-10:00", 10))]);

        act.Should().Throw<ArgumentException>().WithMessage("*two edits*");
    }

    [Fact]
    public void Validate_SamePractitionerAtTwoSitesAtOnce_ReportsOverlap()
    {
        var rota = new Rota(templates:
        [
            PatelMondayMorning(id: 1),
            Weekly(2, DrPatel, IsoDayOfWeek.Monday, "11:00-12:00", siteId: BranchSite),
        ]);

        var issues = rota.Validate(Dates(OrdinaryMonday, OrdinaryMonday.PlusDays(6)));

        var overlap = issues.Should().ContainSingle().Which.Should().BeOfType<OverlappingSessions>().Subject;
        overlap.PractitionerId.Should().Be(DrPatel);
        overlap.Date.Should().Be(OrdinaryMonday);
        overlap.First.Source.Id.Should().Be(1);
        overlap.Second.Source.Id.Should().Be(2);
        overlap.Description.Should().Contain("08:30-11:30").And.Contain("11:00-12:00");
    }

    [Fact]
    public void Validate_OneOffOnTopOfTemplate_ReportsOverlap()
    {
        var rota = new Rota(
            templates: [PatelMondayMorning()],
            oneOffs: [new OneOffSession(1, DrPatel, MainSite, OrdinaryMonday, Uniform("11:20-12:00", 10))]);

        rota.Validate(Day(OrdinaryMonday)).Should().ContainSingle().Which.Should().BeOfType<OverlappingSessions>();
    }

    [Fact]
    public void Validate_BackToBackSessionsAndDifferentPractitioners_ReportsNothing()
    {
        var rota = new Rota(templates:
        [
            PatelMondayMorning(),
            Weekly(2, DrPatel, IsoDayOfWeek.Monday, "11:30-12:30"),
            Weekly(3, NurseJones, IsoDayOfWeek.Monday, "08:30-11:30"),
        ]);

        rota.Validate(Dates(OrdinaryMonday, OrdinaryMonday.PlusWeeks(4))).Should().BeEmpty();
    }

    [Fact]
    public void Validate_OverlapOnlyInWeeksTheyBothRun_ReportsThoseDatesOnly()
    {
        var anchor = new LocalDate(2026, 1, 5);
        var rota = new Rota(templates:
        [
            PatelMondayMorning(id: 1, pattern: WeekPattern.WeeksOfCycle(4, [1, 3], anchor)),
            new SessionTemplate(2, DrPatel, BranchSite, IsoDayOfWeek.Monday, Uniform("10:00-12:00", 10), anchor, pattern: WeekPattern.WeeksOfCycle(4, [3, 4], anchor)),
        ]);

        var issues = rota.Validate(Dates(anchor, anchor.PlusWeeks(8)));

        issues.Cast<OverlappingSessions>().Select(i => i.Date).Should().Equal(anchor.PlusWeeks(2), anchor.PlusWeeks(6));
    }

    [Fact]
    public void Validate_CancelledSessionUnderneath_ReportsNoOverlap()
    {
        var rota = new Rota(
            templates: [PatelMondayMorning()],
            oneOffs: [new OneOffSession(1, DrPatel, MainSite, OrdinaryMonday, Uniform("09:00-10:00", 10))],
            dayEdits: [DayEdit.Cancel(1, OrdinaryMonday, "Swapped for a one-off")]);

        rota.Validate(Day(OrdinaryMonday)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_EditOnDayTemplateDoesNotRun_ReportsUselessEdit()
    {
        var tuesday = OrdinaryMonday.PlusDays(1);
        var rota = new Rota(templates: [PatelMondayMorning()], dayEdits: [DayEdit.Cancel(1, tuesday, "Meeting")]);

        rota.Validate(Day(tuesday)).Should().Equal(new DayEditWithoutSession(1, tuesday));
    }

    [Fact]
    public void With_NewClosures_KeepsEverythingElse()
    {
        var rota = new Rota(templates: [PatelMondayMorning()], leave: [new PractitionerLeave(1, DrPatel, Day(OrdinaryMonday))]);

        var proposed = rota.With(closures: [new Closure(1, OrdinaryMonday, "Training afternoon", Times("13:00-18:30"))]);

        proposed.Templates.Should().Equal(rota.Templates);
        proposed.Leave.Should().Equal(rota.Leave);
        proposed.Closures.Should().ContainSingle();
        rota.Closures.Should().BeEmpty();
        proposed.Zone.Should().BeSameAs(rota.Zone);
    }
}
