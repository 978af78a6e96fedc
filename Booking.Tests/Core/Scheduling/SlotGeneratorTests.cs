using Booking.Core.Scheduling;
using Booking.Core.Time;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Scheduling.RotaExamples;

namespace Booking.Tests.Core.Scheduling;

public class SlotGeneratorTests
{
    [Fact]
    public void Generate_MondayMorningWithBreak_ProducesTenMinuteSlotsAroundTheBreak()
    {
        var rota = new Rota(templates: [PatelMondayMorning()]);

        var slots = SlotGenerator.Generate(rota, Day(OrdinaryMonday)).Slots;

        slots.Should().HaveCount(17);
        slots[0].Id.Value.Should().Be("t1-20260112-0830");
        slots[0].LocalStart.Should().Be(OrdinaryMonday.At(new LocalTime(8, 30)));
        slots[0].LocalEnd.Should().Be(OrdinaryMonday.At(new LocalTime(8, 40)));
        slots[0].Interval.Should().Be(new Interval(Instant.FromUtc(2026, 1, 12, 8, 30), Instant.FromUtc(2026, 1, 12, 8, 40)));
        slots[14].LocalStart.TimeOfDay.Should().Be(new LocalTime(10, 50));
        slots[15].LocalStart.TimeOfDay.Should().Be(new LocalTime(11, 10), "11:00-11:10 is a break");
        slots[^1].LocalEnd.TimeOfDay.Should().Be(new LocalTime(11, 30));
        slots.Should().OnlyContain(s => s.PractitionerId == DrPatel && s.SiteId == MainSite && s.ServiceId == GpAppointment);
    }

    [Fact]
    public void Generate_WeeksOneAndThreeOfFour_RunsOnlyInThoseWeeks()
    {
        var pattern = WeekPattern.WeeksOfCycle(4, [1, 3], new LocalDate(2026, 1, 5));
        var rota = new Rota(templates: [PatelMondayMorning(pattern: pattern)]);

        var dates = SlotGenerator.Generate(rota, Dates(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28))).Slots
            .Select(s => s.Date).Distinct();

        dates.Should().Equal(new LocalDate(2026, 1, 5), new LocalDate(2026, 1, 19), new LocalDate(2026, 2, 2), new LocalDate(2026, 2, 16));
    }

    [Fact]
    public void Generate_AlternateWeeksAnchoredMidWeek_RunsEveryOtherMonday()
    {
        // Anchored on a Wednesday: week 1 is the week of Monday 12 January.
        var rota = new Rota(templates: [PatelMondayMorning(pattern: WeekPattern.AlternateWeeks(new LocalDate(2026, 1, 14)))]);

        var dates = SlotGenerator.Generate(rota, Dates(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 31))).Slots
            .Select(s => s.Date).Distinct();

        dates.Should().Equal(new LocalDate(2026, 1, 12), new LocalDate(2026, 1, 26));
    }

    [Fact]
    public void Generate_EffectiveDates_RunsFromFirstToLastDateInclusive()
    {
        var rota = new Rota(templates: [PatelMondayMorning(from: new LocalDate(2026, 1, 12), to: new LocalDate(2026, 1, 26))]);

        var dates = SlotGenerator.Generate(rota, Dates(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28))).Slots
            .Select(s => s.Date).Distinct();

        dates.Should().Equal(new LocalDate(2026, 1, 12), new LocalDate(2026, 1, 19), new LocalDate(2026, 1, 26));
    }

    [Fact]
    public void Generate_ChristmasDay_SuppressesTemplateSlotsWithBankHolidayReason()
    {
        var christmas = new LocalDate(2026, 12, 25);
        var rota = new Rota(templates: [Weekly(1, DrPatel, IsoDayOfWeek.Friday, "08:30-12:00")]);

        var generation = SlotGenerator.Generate(rota, Day(christmas));

        generation.Slots.Should().BeEmpty();
        generation.Suppressed.Should().HaveCount(21)
            .And.OnlyContain(s => s.Reason == new ClosedForBankHoliday("Christmas Day"));
        generation.Suppressed[0].Reason.Description.Should().Be("practice closed: bank holiday (Christmas Day)");
        generation.Suppressed[0].Slot.Id.Value.Should().Be("t1-20261225-0830");
    }

    [Fact]
    public void Generate_BoxingDaySubstituteMonday_SuppressesWithSubstituteName()
    {
        var rota = new Rota(templates: [PatelMondayMorning()]);

        var suppressed = SlotGenerator.Generate(rota, Day(new LocalDate(2026, 12, 28))).Suppressed;

        suppressed.Should().NotBeEmpty().And.OnlyContain(s => s.Reason == new ClosedForBankHoliday("Boxing Day (substitute day)"));
    }

    [Fact]
    public void Generate_OneOffSessionOnBankHoliday_RunsBecauseItIsDeliberate()
    {
        var easterMonday = new LocalDate(2026, 4, 6);
        var fluClinic = new OneOffSession(7, NurseJones, MainSite, easterMonday, Uniform("09:00-10:00", 5));
        var rota = new Rota(templates: [PatelMondayMorning()], oneOffs: [fluClinic]);

        var generation = SlotGenerator.Generate(rota, Day(easterMonday));

        generation.Slots.Should().HaveCount(12).And.OnlyContain(s => s.Session.Source == fluClinic.Source);
        generation.Slots[0].Id.Value.Should().Be("o7-20260406-0900");
        generation.Suppressed.Should().OnlyContain(s => s.Reason is ClosedForBankHoliday);
    }

    [Fact]
    public void Generate_PractitionerOnLeave_SuppressesTheirSlotsOnlyWithLeaveReason()
    {
        var leave = new PractitionerLeave(4, DrPatel, Dates(new LocalDate(2026, 1, 12), new LocalDate(2026, 1, 16)));
        var rota = new Rota(
            templates: [PatelMondayMorning(), Weekly(2, NurseJones, IsoDayOfWeek.Monday, "09:00-12:00", 15)],
            leave: [leave]);

        var generation = SlotGenerator.Generate(rota, Day(OrdinaryMonday));

        generation.Slots.Should().OnlyContain(s => s.PractitionerId == NurseJones).And.HaveCount(12);
        generation.Suppressed.Should().HaveCount(17).And.OnlyContain(s => s.Reason == new PractitionerOnLeave(DrPatel, 4));
        generation.Suppressed[0].Reason.Description.Should().Be("practitioner on leave");
    }

    [Fact]
    public void Generate_PartDayLeave_SuppressesOnlyOverlappingSlots()
    {
        var dentist = new PractitionerLeave(5, DrPatel, Day(OrdinaryMonday), Times("09:55-10:20"));
        var rota = new Rota(templates: [PatelMondayMorning()], leave: [dentist]);

        var generation = SlotGenerator.Generate(rota, Day(OrdinaryMonday));

        generation.Suppressed.Select(s => s.Slot.LocalStart.TimeOfDay)
            .Should().Equal(new LocalTime(9, 50), new LocalTime(10, 0), new LocalTime(10, 10));
        generation.Slots.Should().HaveCount(14);
    }

    [Fact]
    public void Generate_TrainingAfternoonClosure_SuppressesAfternoonButNotMorning()
    {
        var training = new Closure(9, OrdinaryMonday, "Training afternoon", Times("13:00-18:30"));
        var rota = new Rota(
            templates: [PatelMondayMorning(), Weekly(2, DrPatel, IsoDayOfWeek.Monday, "14:00-17:00", 15)],
            closures: [training]);

        var generation = SlotGenerator.Generate(rota, Day(OrdinaryMonday));

        generation.Slots.Should().HaveCount(17).And.OnlyContain(s => s.LocalStart.Hour < 12);
        generation.Suppressed.Should().HaveCount(12).And.OnlyContain(s => s.Reason == new PracticeClosed(9, "Training afternoon"));
        generation.Suppressed[0].Reason.Description.Should().Be("practice closed: Training afternoon");
    }

    [Fact]
    public void Generate_ClosureOfOneSite_LeavesOtherSitesOpen()
    {
        var branchFlood = new Closure(3, OrdinaryMonday, "Flood at branch surgery", siteId: BranchSite);
        var rota = new Rota(
            templates: [PatelMondayMorning(), Weekly(2, NurseJones, IsoDayOfWeek.Monday, "09:00-12:00", 15, BranchSite)],
            closures: [branchFlood]);

        var generation = SlotGenerator.Generate(rota, Day(OrdinaryMonday));

        generation.Slots.Should().OnlyContain(s => s.SiteId == MainSite);
        generation.Suppressed.Should().OnlyContain(s => s.Slot.SiteId == BranchSite && s.Reason is PracticeClosed);
    }

    [Fact]
    public void Generate_ClosureAndLeaveTogether_ReportsTheClosure()
    {
        var rota = new Rota(
            templates: [PatelMondayMorning()],
            closures: [new Closure(1, OrdinaryMonday, "Staff training")],
            leave: [new PractitionerLeave(1, DrPatel, Day(OrdinaryMonday))]);

        var suppressed = SlotGenerator.Generate(rota, Day(OrdinaryMonday)).Suppressed;

        suppressed.Should().OnlyContain(s => s.Reason is PracticeClosed);
    }

    [Fact]
    public void Generate_DayEditCancel_SuppressesThatDayOnlyWithItsReason()
    {
        var cancel = DayEdit.Cancel(1, OrdinaryMonday, "Dr Patel at PCN meeting");
        var rota = new Rota(templates: [PatelMondayMorning()], dayEdits: [cancel]);

        var generation = SlotGenerator.Generate(rota, Dates(OrdinaryMonday, OrdinaryMonday.PlusWeeks(1)));

        generation.SlotsOn(OrdinaryMonday).Should().BeEmpty();
        generation.SlotsOn(OrdinaryMonday.PlusWeeks(1)).Should().HaveCount(17);
        generation.SuppressedOn(OrdinaryMonday).Should().HaveCount(17)
            .And.OnlyContain(s => s.Reason == new SessionCancelled(1, "Dr Patel at PCN meeting"));
    }

    [Fact]
    public void Generate_DayEditReplace_UsesNewLayoutAndKeepsIdsOfUnchangedStarts()
    {
        var shorter = DayEdit.Replace(1, OrdinaryMonday, Uniform("08:30-10:00", 10));
        var rota = new Rota(templates: [PatelMondayMorning()], dayEdits: [shorter]);
        var before = SlotGenerator.Generate(new Rota(templates: [PatelMondayMorning()]), Day(OrdinaryMonday)).Slots;

        var after = SlotGenerator.Generate(rota, Day(OrdinaryMonday)).Slots;

        after.Should().HaveCount(9);
        after.Should().Equal(before.Take(9), "slots at unchanged times keep their ids and content");
    }

    [Fact]
    public void Generate_NonBookableService_StillProducesSlots()
    {
        var admin = SessionLayout.Uniform(Times("12:00-13:00"), AdminTime, SlotLength.FromMinutes(30));
        var rota = new Rota(templates: [new SessionTemplate(1, DrPatel, MainSite, IsoDayOfWeek.Monday, admin, new LocalDate(2026, 1, 1))]);

        var slots = SlotGenerator.Generate(rota, Day(OrdinaryMonday)).Slots;

        slots.Should().HaveCount(2).And.OnlyContain(s => s.ServiceId == AdminTime);
    }

    [Theory]
    [InlineData(2026, 3, 29, 7)] // BST begins: 08:30 BST is 07:30 UTC
    [InlineData(2026, 10, 25, 8)] // BST ends: 08:30 GMT is 08:30 UTC
    public void Generate_ClockChangeSunday_SessionStartsAt0830Local(int year, int month, int day, int utcHour)
    {
        var date = new LocalDate(year, month, day);
        var rota = new Rota(templates: [Weekly(1, DrPatel, IsoDayOfWeek.Sunday, "08:30-10:00")]);

        var first = SlotGenerator.Generate(rota, Day(date)).Slots[0];

        first.LocalStart.Should().Be(date.At(new LocalTime(8, 30)));
        first.Start.Should().Be(Instant.FromUtc(year, month, day, utcHour, 30));
        first.Start.InZone(PracticeTime.Zone).TimeOfDay.Should().Be(new LocalTime(8, 30));
    }

    [Fact]
    public void Generate_SessionAcrossSkippedHourInMarch_SuppressesSkippedStartsAndKeepsTheRest()
    {
        var date = new LocalDate(2026, 3, 29);
        var rota = new Rota(templates: [Weekly(1, DrPatel, IsoDayOfWeek.Sunday, "00:30-02:30")]);

        var generation = SlotGenerator.Generate(rota, Day(date));

        generation.Slots.Select(s => s.LocalStart.TimeOfDay.ToString("HH:mm", null))
            .Should().Equal("00:30", "00:40", "00:50", "02:00", "02:10", "02:20");
        generation.Suppressed.Should().HaveCount(6).And.OnlyContain(s => s.Reason is SkippedByClockChange);
        generation.Suppressed[0].Slot.LocalStart.TimeOfDay.Should().Be(new LocalTime(1, 0));
        // The last slot before the gap ends as the clocks jump; the first after it starts then.
        generation.Slots[2].Interval.Should().Be(new Interval(Instant.FromUtc(2026, 3, 29, 0, 50), Instant.FromUtc(2026, 3, 29, 1, 0)));
        generation.Slots[3].Interval.Should().Be(new Interval(Instant.FromUtc(2026, 3, 29, 1, 0), Instant.FromUtc(2026, 3, 29, 1, 10)));
    }

    [Fact]
    public void Generate_SessionAcrossRepeatedHourInOctober_UsesFirstOccurrenceOfTheHour()
    {
        var date = new LocalDate(2026, 10, 25);
        var rota = new Rota(templates: [Weekly(1, DrPatel, IsoDayOfWeek.Sunday, "00:30-02:30")]);

        var generation = SlotGenerator.Generate(rota, Day(date));

        generation.Suppressed.Should().BeEmpty();
        generation.Slots.Should().HaveCount(12);
        var at0100 = generation.Slots.Single(s => s.LocalStart.TimeOfDay == new LocalTime(1, 0));
        at0100.Start.Should().Be(Instant.FromUtc(2026, 10, 25, 0, 0), "01:00 BST, the first 01:00");
        var at0150 = generation.Slots.Single(s => s.LocalStart.TimeOfDay == new LocalTime(1, 50));
        at0150.Interval.Should().Be(
            new Interval(Instant.FromUtc(2026, 10, 25, 0, 50), Instant.FromUtc(2026, 10, 25, 2, 0)),
            "a slot ends when the wall clock first shows its end, which is after the repeated hour");
        generation.Slots.Single(s => s.LocalStart.TimeOfDay == new LocalTime(2, 0)).Start
            .Should().Be(Instant.FromUtc(2026, 10, 25, 2, 0));
    }

    [Fact]
    public void Generate_SameRotaTwice_GivesEqualSlotsAndIds()
    {
        var rota = new Rota(templates: [PatelMondayMorning(), Weekly(2, NurseJones, IsoDayOfWeek.Tuesday, "09:00-12:00", 15)]);
        var dates = Dates(new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 31));

        var first = SlotGenerator.Generate(rota, dates);
        var second = SlotGenerator.Generate(rota, dates);

        second.Slots.Should().Equal(first.Slots);
        second.Slots.Select(s => s.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Generate_SlotIds_AreTheContractsIds()
    {
        var rota = new Rota(templates: [PatelMondayMorning()]);

        var slots = SlotGenerator.Generate(rota, Dates(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31))).Slots;

        slots.Should().OnlyContain(s => s.Id == SlotId.For(s.Session, s.LocalStart.TimeOfDay));
    }

    [Fact]
    public void SlotsOn_DateOutsideGeneratedRange_Throws()
    {
        var generation = SlotGenerator.Generate(Rota.Empty, Day(OrdinaryMonday));

        var act = () => generation.SlotsOn(OrdinaryMonday.PlusDays(1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void TryGetSlot_OfferedAndSuppressedIds_FindsEachInItsList()
    {
        var rota = new Rota(templates: [PatelMondayMorning()], leave: [new PractitionerLeave(1, DrPatel, Day(OrdinaryMonday.PlusWeeks(1)))]);
        var generation = SlotGenerator.Generate(rota, Dates(OrdinaryMonday, OrdinaryMonday.PlusWeeks(1)));
        var offered = SlotId.For(new SessionKey(new SessionSource(SessionSourceKind.Template, 1), OrdinaryMonday), new LocalTime(8, 30));
        var onLeave = SlotId.For(new SessionKey(new SessionSource(SessionSourceKind.Template, 1), OrdinaryMonday.PlusWeeks(1)), new LocalTime(8, 30));

        generation.TryGetSlot(offered, out var slot).Should().BeTrue();
        slot!.Id.Should().Be(offered);
        generation.TryGetSlot(onLeave, out _).Should().BeFalse();
        generation.TryGetSuppressed(onLeave, out var suppressed).Should().BeTrue();
        suppressed!.Reason.Should().BeOfType<PractitionerOnLeave>();
    }
}
