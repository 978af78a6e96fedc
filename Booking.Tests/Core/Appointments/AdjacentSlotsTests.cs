using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Appointments;

/// <summary>An appointment over several adjacent slots of one schedule (issue 13, part 4): which sets of slots make one, and booking them all or none.</summary>
public class AdjacentSlotsTests
{
    private static readonly NodaTime.Instant Before = At(Monday.PlusDays(-1), 12);
    private static readonly Actor Receptionist111 = new("nhs111", "NHS 111");

    [Fact]
    public void Problem_TwoAdjacentSlotsOfOneSchedule_InEitherOrder_None()
    {
        var slots = Session(Monday, 9, 2);

        AdjacentSlots.Problem(slots).Should().BeNull();
        AdjacentSlots.Problem([slots[1], slots[0]]).Should().BeNull();
    }

    [Fact]
    public void Problem_AGapBetweenSlots_NamesTheSlot() =>
        AdjacentSlots.Problem([Slot(Monday, 9), Slot(Monday, 9, 20)])!.Message.Should().Contain("adjacent");

    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(1, 2, 1)]
    [InlineData(1, 1, 2)]
    public void Problem_AdjacentButAnotherSchedule_Refused(int practitioner, int site, int service) =>
        AdjacentSlots.Problem([Slot(Monday, 9), Slot(Monday, 9, 10, practitioner: practitioner, site: site, service: service)])!
            .Message.Should().Contain("one schedule");

    [Fact]
    public void Problem_TheSameSlotTwice_Refused() =>
        AdjacentSlots.Problem([Slot(Monday, 9), Slot(Monday, 9)])!.Message.Should().Contain("twice");

    [Fact]
    public void Problem_MoreThanTheMost_Refused() =>
        AdjacentSlots.Problem(Session(Monday, 9, AdjacentSlots.MaxSlots + 1)).Should().NotBeNull();

    /// <summary>
    /// A run of contiguous slots of one schedule, in any order, makes one appointment; the same run with a gap before
    /// one slot, or one slot of another practitioner, does not.
    /// </summary>
    [Property]
    public Property Problem_IsNullExactlyForAContiguousRunOfOneSchedule(PositiveInt length, int shuffleSeed, int breakAt, int breakKind)
    {
        var count = 1 + (length.Get % AdjacentSlots.MaxSlots);
        var kind = count == 1 ? 0 : Math.Abs(breakKind % 3);
        var broken = count == 1 ? -1 : 1 + Math.Abs(breakAt % (count - 1));
        var run = Enumerable.Range(0, count)
            .Select(i =>
            {
                var minutes = (i * 10) + (kind == 1 && i >= broken ? 5 : 0);
                return Slot(Monday, 9 + (minutes / 60), minutes % 60, practitioner: kind == 2 && i == broken ? 2 : 1);
            })
            .ToList();
        var random = new Random(shuffleSeed);
        var shuffled = run.OrderBy(_ => random.Next()).ToList();

        return ((AdjacentSlots.Problem(shuffled) is null) == (kind == 0)).Label($"{count} slots, break kind {kind} at {broken}");
    }

    [Fact]
    public void Book_TwoAdjacentSlots_OneAppointmentHoldingBoth_FromTheFirstStartToTheLastEnd()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)]));
        var ledger = new QuotaLedger();

        var result = book.Book(Request(slots[1], slots[0]), slots, ledger, Before);

        result.Succeeded.Should().BeTrue();
        result.Appointment!.Slots.Should().Equal(slots[0], slots[1]);
        result.Appointment.Interval.Should().Be(new NodaTime.Interval(slots[0].Start, slots[1].End));
        ledger.IsBooked(slots[0].Id).Should().BeTrue();
        ledger.IsBooked(slots[1].Id).Should().BeTrue();
    }

    [Fact]
    public void Book_SecondSlotOverTheQuota_RefusedAndNoSlotIsTaken()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy(
            [ServiceRule(ReleaseTerms.Open, Nhs111Selector)], [new Quota(1, Nhs111Selector, QuotaPeriod.Day, QuotaLimit.Count(1))]));
        var ledger = new QuotaLedger();

        var result = book.Book(Request(slots[0], slots[1]), slots, ledger, Before);

        result.Succeeded.Should().BeFalse();
        result.Reasons.Should().ContainSingle().Which.Should().BeOfType<QuotaUsed>();
        ledger.Entries.Should().BeEmpty("a booking over several slots takes all of them or none");
    }

    [Fact]
    public void Book_SecondSlotAlreadyBooked_RefusedAsTakenAndTheFirstStaysFree()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)]));
        var ledger = new QuotaLedger();
        book.Book(new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(OtherPatient), slots[1], Nhs111, Receptionist111), slots, ledger, Before)
            .Succeeded.Should().BeTrue();

        var result = book.Book(Request(slots[0], slots[1]), slots, ledger, Before);

        result.Reasons.Should().ContainSingle().Which.Should().BeOfType<SlotAlreadyBooked>();
        ledger.IsBooked(slots[0].Id).Should().BeFalse();
    }

    [Fact]
    public void Book_PatientCapOfOne_AnAppointmentOverTwoSlotsIsOneBooking()
    {
        var slots = Session(Monday, 9, 4);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)], cap: new PatientCap(1, ChannelSelector.Everyone)));
        var ledger = new QuotaLedger();

        book.Book(Request(slots[0], slots[1]), slots, ledger, Before).Succeeded.Should().BeTrue();

        ledger.FutureBookingsOf(Patient, Before).Should().Be(1);
        book.Book(Request(slots[2]), slots, ledger, Before).Reasons.Should().ContainSingle().Which.Should().BeOfType<PatientCapReached>();
    }

    [Fact]
    public void Cancel_AnAppointmentOverTwoSlots_FreesBoth()
    {
        var slots = Session(Monday, 9, 2);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)]));
        var ledger = new QuotaLedger();
        var appointment = book.Book(Request(slots[0], slots[1]), slots, ledger, Before).Appointment!;

        book.Cancel(appointment, CancellationReason.PatientRequest, null, Receptionist111, ledger, Before).Succeeded.Should().BeTrue();

        ledger.Entries.Should().BeEmpty();
    }

    private static BookingRequest Request(Slot first, params Slot[] following) =>
        new(new AppointmentId(Guid.NewGuid()), PatientDetails(), first, Nhs111, Receptionist111) { FollowingSlots = following };
}
