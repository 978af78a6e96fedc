using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Reporting;

public class PracticeReportsTests
{
    private static readonly DateInterval Week = new(Monday, Monday.PlusDays(6));
    private static readonly ChannelSelector Nhs111Reporting = ChannelSelector.Organisation(Booking.Core.Organisations.OdsCode.Parse("NHS111"), "111");

    private static readonly ReleasePolicy OpenToAll = Policy(
    [
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Everyone),
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Everyone) with { Id = 2, Scope = ReleaseScope.ForService(2) },
    ]);

    private static Appointment Book(Slot slot, Instant bookedAt, Channel? channel = null)
    {
        var result = new AppointmentBook(OpenToAll).Book(
            new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), slot, channel ?? Channel.Reception, Receptionist),
            [slot],
            new QuotaLedger(),
            bookedAt);
        result.Succeeded.Should().BeTrue();
        return result.Appointment!;
    }

    private static Appointment Cancelled(Appointment appointment)
    {
        var ledger = QuotaLedger.FromAppointments([appointment]);
        return new AppointmentBook(OpenToAll).Cancel(appointment, CancellationReason.PatientRequest, null, Receptionist, ledger, appointment.CreatedAt).Appointment!;
    }

    private static Appointment Dna(Appointment appointment) =>
        appointment.MarkDidNotAttend(Receptionist, appointment.Slot.End).Appointment!;

    private static Appointment Attended(Appointment appointment) =>
        appointment.MarkFulfilled(Receptionist, appointment.Slot.End).Appointment!;

    [Fact]
    public void UtilisationByService_BookedOverBookable_CancelledNotCounted()
    {
        var gp = Session(Monday, 9, 4, service: 1);
        var nurse = Session(Monday, 14, 2, template: 2, practitioner: 2, service: 2);
        var appointments = new[] { Book(gp[0], At(Monday, 8)), Book(gp[1], At(Monday, 8)), Cancelled(Book(gp[2], At(Monday, 8))), Book(nurse[0], At(Monday, 8)) };

        var rows = new PracticeReports(London, Week, [.. gp, .. nurse], appointments).UtilisationByService();

        rows.Should().Equal(new UtilisationRow<int>(1, 4, 2), new UtilisationRow<int>(2, 2, 1));
        rows[0].Rate.Should().Be(0.5);
    }

    [Fact]
    public void UtilisationByDayAndPractitioner_UnbookableServiceLeftOut()
    {
        var monday = Session(Monday, 9, 3, practitioner: 1);
        var admin = Slot(Monday, 12, service: 9, practitioner: 1);
        var tuesday = Session(Monday.PlusDays(1), 9, 2, practitioner: 2);
        var reports = new PracticeReports(London, Week, [.. monday, admin, .. tuesday], [Book(tuesday[0], At(Monday, 8))], id => id != 9);

        reports.UtilisationByDay().Should().Equal(new UtilisationRow<LocalDate>(Monday, 3, 0), new UtilisationRow<LocalDate>(Monday.PlusDays(1), 2, 1));
        reports.UtilisationByPractitioner().Should().Equal(new UtilisationRow<int>(1, 3, 0), new UtilisationRow<int>(2, 2, 1));
    }

    [Fact]
    public void UtilisationRate_NoBookableSlots_IsNull() =>
        new UtilisationRow<int>(1, 0, 0).Rate.Should().BeNull();

    [Theory]
    [InlineData(0, LeadTimeBand.SameDay)]
    [InlineData(1, LeadTimeBand.OneDay)]
    [InlineData(2, LeadTimeBand.TwoToSevenDays)]
    [InlineData(7, LeadTimeBand.TwoToSevenDays)]
    [InlineData(8, LeadTimeBand.EightToFourteenDays)]
    [InlineData(14, LeadTimeBand.EightToFourteenDays)]
    [InlineData(15, LeadTimeBand.OverFourteenDays)]
    public void BandOf_DaysBeforeTheAppointment_FallsInTheRightBand(int daysBefore, LeadTimeBand expected)
    {
        var slot = Slot(Monday, 10);

        new PracticeReports(London, Week, [slot], []).BandOf(Book(slot, At(Monday.PlusDays(-daysBefore), 9, 30))).Should().Be(expected);
    }

    [Fact]
    public void BandOf_BookedLateEveningDayBefore_IsOneDayInLocalTime()
    {
        // 23:30 BST on Sunday is 22:30 UTC: still Sunday locally, one day before Monday.
        var slot = Slot(Monday, 10);

        new PracticeReports(London, Week, [slot], []).BandOf(Book(slot, At(Monday.PlusDays(-1), 23, 30))).Should().Be(LeadTimeBand.OneDay);
    }

    [Fact]
    public void DidNotAttendRates_OverallAndByLeadTime()
    {
        var slots = Session(Monday, 9, 6);
        var appointments = new[]
        {
            Attended(Book(slots[0], At(Monday, 8))),
            Dna(Book(slots[1], At(Monday, 8))),
            Attended(Book(slots[2], At(Monday.PlusDays(-10), 8))),
            Attended(Book(slots[3], At(Monday.PlusDays(-10), 8))),
            Dna(Book(slots[4], At(Monday.PlusDays(-10), 8))),
            Book(slots[5], At(Monday, 8)), // no outcome recorded: left out
        };

        var report = new PracticeReports(London, Week, slots, appointments).DidNotAttendRates();

        report.Overall.Should().Be(new DnaRate(3, 2));
        report.Overall.Rate.Should().Be(0.4);
        report.ByLeadTime.Select(b => b.Band).Should().Equal(Enum.GetValues<LeadTimeBand>());
        report.ByLeadTime.Single(b => b.Band == LeadTimeBand.SameDay).Rate.Rate.Should().Be(0.5);
        report.ByLeadTime.Single(b => b.Band == LeadTimeBand.EightToFourteenDays).Rate.Should().Be(new DnaRate(2, 1));
        report.ByLeadTime.Single(b => b.Band == LeadTimeBand.OneDay).Rate.Rate.Should().BeNull();
    }

    [Fact]
    public void LeadTimes_SharesOfActiveAppointments()
    {
        var slots = Session(Monday, 9, 4);
        var appointments = new[]
        {
            Book(slots[0], At(Monday, 8)),
            Book(slots[1], At(Monday.PlusDays(-1), 8)),
            Book(slots[2], At(Monday.PlusDays(-20), 8)),
            Cancelled(Book(slots[3], At(Monday, 8))),
        };

        var rows = new PracticeReports(London, Week, slots, appointments).LeadTimes();

        rows.Select(r => r.Appointments).Should().Equal(1, 1, 0, 0, 1);
        rows.Sum(r => r.Share).Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void ChannelShare_ReceptionOnline111AndOthers()
    {
        var slots = Session(Monday, 9, 5);
        var hub = Channel.ForOrganisation(Booking.Core.Organisations.OdsCode.Parse("Y0HUB"), "hub");
        var appointments = new[]
        {
            Book(slots[0], At(Monday, 8)),
            Book(slots[1], At(Monday, 8), Channel.Online),
            Book(slots[2], At(Monday, 8), Channel.Online),
            Book(slots[3], At(Monday, 8), Nhs111),
            Book(slots[4], At(Monday, 8), hub),
        };

        var rows = new PracticeReports(London, Week, slots, appointments).ChannelShare(Nhs111Reporting);

        rows.Select(r => (r.Group, r.Appointments)).Should().Equal(
            (ChannelGroup.Reception, 1), (ChannelGroup.Online, 2), (ChannelGroup.Nhs111, 1), (ChannelGroup.OtherOrganisations, 1));
        rows[1].Share.Should().Be(0.4);
    }

    [Fact]
    public void ThirdNextAvailable_SkipsBookedAndStartedSlots()
    {
        var monday = Session(Monday, 9, 3);
        var wednesday = Session(Monday.PlusDays(2), 9, 2);
        var appointments = new[] { Book(monday[2], At(Monday, 8)) };

        // At 09:05 Monday: 09:00 has started, 09:10 is free, 09:20 booked; then Wednesday 09:00 and 09:10.
        var rows = new PracticeReports(London, Week, [.. monday, .. wednesday], appointments).ThirdNextAvailable(At(Monday, 9, 5));

        rows.Should().ContainSingle();
        rows[0].ThirdFreeSlot.Should().Be(wednesday[1]);
        rows[0].Days.Should().Be(2);
    }

    [Fact]
    public void ThirdNextAvailable_FewerThanThreeFree_Null()
    {
        var slots = Session(Monday, 9, 2, service: 3);

        new PracticeReports(London, Week, slots, []).ThirdNextAvailable(At(Monday, 8))
            .Should().Equal(new ThirdNextAvailableRow(3, null, null));
    }

    [Fact]
    public void DemandAgainstCapacity_EveryDayOfTheRange()
    {
        var monday = Session(Monday, 9, 4);
        var tuesday = Session(Monday.PlusDays(1), 9, 2);
        var appointments = new[]
        {
            Book(monday[0], At(Monday.PlusDays(-1), 10)),
            Book(tuesday[0], At(Monday, 8)),
            Cancelled(Book(tuesday[1], At(Monday, 8))),
        };

        var rows = new PracticeReports(London, new DateInterval(Monday.PlusDays(-1), Monday.PlusDays(1)), [.. monday, .. tuesday], appointments)
            .DemandAgainstCapacity();

        rows.Should().Equal(
            new DemandCapacityRow(Monday.PlusDays(-1), 0, 0, 1),
            new DemandCapacityRow(Monday, 4, 1, 2),
            new DemandCapacityRow(Monday.PlusDays(1), 2, 1, 0));
    }
}
