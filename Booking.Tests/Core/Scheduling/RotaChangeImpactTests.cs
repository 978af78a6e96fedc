using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Scheduling.RotaExamples;

namespace Booking.Tests.Core.Scheduling;

public class RotaChangeImpactTests
{
    private static readonly DateInterval TwoWeeks = Dates(OrdinaryMonday, OrdinaryMonday.PlusDays(13));
    private static readonly Rota Current = new(templates: [PatelMondayMorning()]);

    private static SlotId PatelSlot(LocalDate date, int hour, int minute) =>
        SlotId.For(new SessionKey(new SessionSource(SessionSourceKind.Template, 1), date), new LocalTime(hour, minute));

    [Fact]
    public void Assess_NewLeaveOverBookedSlot_ListsItAsSuppressedWithReason()
    {
        var booked = PatelSlot(OrdinaryMonday, 9, 0);
        var proposed = Current.With(leave: [new PractitionerLeave(8, DrPatel, Day(OrdinaryMonday))]);

        var affected = RotaChangeImpact.Assess(Current, proposed, TwoWeeks, [booked, PatelSlot(OrdinaryMonday.PlusWeeks(1), 9, 0)]);

        var only = affected.Should().ContainSingle().Subject;
        only.Current.Id.Should().Be(booked);
        only.Impact.Should().Be(SlotImpact.Suppressed);
        only.Reason.Should().Be(new PractitionerOnLeave(DrPatel, 8));
    }

    [Fact]
    public void Assess_SessionMovedLater_ListsBookedSlotsThatNoLongerExist()
    {
        var later = new SessionTemplate(1, DrPatel, MainSite, IsoDayOfWeek.Monday, Uniform("09:00-12:00", 10), new LocalDate(2026, 1, 1));
        var proposed = Current.With(templates: [later]);
        var booked = new[] { PatelSlot(OrdinaryMonday, 8, 30), PatelSlot(OrdinaryMonday, 9, 0), PatelSlot(OrdinaryMonday, 11, 0) };

        var affected = RotaChangeImpact.Assess(Current, proposed, TwoWeeks, booked);

        affected.Should().ContainSingle().Which.Should().Be(
            new AffectedSlot(SlotGenerator.Generate(Current, TwoWeeks).Slots[0], SlotImpact.Removed, null, null),
            "08:30 no longer exists; 09:00 is identical; 11:00 was not offered before (a break)");
    }

    [Fact]
    public void Assess_ServiceChangedAtSameTime_ListsItAsChanged()
    {
        var telephone = SessionLayout.Uniform(Times("08:30-11:30"), NurseAppointment, SlotLength.FromMinutes(10), Times("11:00-11:10"));
        var proposed = Current.With(dayEdits: [DayEdit.Replace(1, OrdinaryMonday, telephone)]);

        var affected = RotaChangeImpact.Assess(Current, proposed, TwoWeeks, [PatelSlot(OrdinaryMonday, 8, 30)]);

        var only = affected.Should().ContainSingle().Subject;
        only.Impact.Should().Be(SlotImpact.Changed);
        only.Proposed!.ServiceId.Should().Be(NurseAppointment);
    }

    [Fact]
    public void Assess_UnchangedRota_ListsNothing()
    {
        var allSlots = SlotGenerator.Generate(Current, TwoWeeks).Slots.Select(s => s.Id);

        RotaChangeImpact.Assess(Current, Current.With(), TwoWeeks, allSlots).Should().BeEmpty();
    }

    [Fact]
    public void Assess_TemplateRemoved_ListsOnlyBookedSlots()
    {
        var booked = new HashSet<SlotId> { PatelSlot(OrdinaryMonday, 8, 30), PatelSlot(OrdinaryMonday.PlusWeeks(1), 10, 0) };

        var affected = RotaChangeImpact.Assess(Current, Current.With(templates: []), TwoWeeks, booked);

        affected.Select(a => a.Current.Id).Should().BeEquivalentTo(booked);
        affected.Should().OnlyContain(a => a.Impact == SlotImpact.Removed);
    }
}
