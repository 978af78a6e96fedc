using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Reporting;

public class ChannelUptakeTests
{
    private static readonly DateInterval MondayOnly = new(Monday, Monday);

    private static readonly IReadOnlyDictionary<ChannelGroup, IReadOnlyList<Channel>> Representatives =
        new Dictionary<ChannelGroup, IReadOnlyList<Channel>>
        {
            [ChannelGroup.Online] = [Channel.Online],
            [ChannelGroup.Nhs111] = [Nhs111],
        };

    // Service 1 goes to reception and online; service 2 to reception and NHS 111; service 3 to reception alone.
    private static readonly ReleasePolicy Rules = Policy(
    [
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online),
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, Nhs111Selector) with { Id = 2, Scope = ReleaseScope.ForService(2) },
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception) with { Id = 3, Scope = ReleaseScope.ForService(3) },
    ]);

    private static Appointment Book(Slot slot, Instant bookedAt, Channel channel) =>
        new AppointmentBook(Rules).Book(
            new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), slot, channel, Receptionist), [slot], new QuotaLedger(), bookedAt)
        .Appointment!;

    private static IReadOnlyList<ChannelUptakeRow> Compute(IEnumerable<Slot> slots, IEnumerable<Appointment> appointments, IEnumerable<RefusalCount>? refusals = null) =>
        ChannelUptake.Compute(London, MondayOnly, slots, appointments, Rules, Representatives, Nhs111Selector, refusals ?? []);

    [Fact]
    public void Compute_EveryOnlineSlotTaken_SaysWhenTheLastWentAndWhoBookedThem()
    {
        var online = Session(Monday, 9, 3, service: 1);
        var reception = Session(Monday, 14, 2, template: 3, service: 3);
        var appointments = new[]
        {
            Book(online[0], At(Monday.PlusDays(-1), 18), Channel.Online),
            Book(online[1], At(Monday, 8, 0), Channel.Online),
            Book(online[2], At(Monday, 8, 7), Channel.Reception),
            Book(reception[0], At(Monday, 9, 30), Channel.Reception),
        };

        var row = Compute([.. online, .. reception], appointments).Single(r => r.Group == ChannelGroup.Online);

        row.Should().Be(new ChannelUptakeRow(Monday, ChannelGroup.Online, Released: 3, Taken: 3, BookedThroughChannel: 2,
            AllTakenAt: Monday.At(new LocalTime(8, 7)), RefusedNoneLeft: 0, RefusedOther: 0));
        row.Left.Should().Be(0);
    }

    [Fact]
    public void Compute_SlotsLeft_NoTimeAndTheCountLeft()
    {
        var nhs111 = Session(Monday, 9, 4, template: 2, service: 2);
        var appointments = new[] { Book(nhs111[0], At(Monday, 8), Nhs111), Book(nhs111[3], At(Monday, 8, 30), Channel.Reception) };

        var row = Compute(nhs111, appointments).Single(r => r.Group == ChannelGroup.Nhs111);

        row.Released.Should().Be(4);
        row.Taken.Should().Be(2);
        row.Left.Should().Be(2);
        row.BookedThroughChannel.Should().Be(1);
        row.AllTakenAt.Should().BeNull("two slots are still free");
    }

    [Fact]
    public void Compute_CancelledAndRebooked_CountsFromTheSecondBooking()
    {
        var slot = Slot(Monday, 9, service: 1);
        var first = Book(slot, At(Monday, 8), Channel.Online);
        var cancelled = new AppointmentBook(Rules).Cancel(first, CancellationReason.PatientRequest, null, Receptionist, QuotaLedger.FromAppointments([first]), At(Monday, 8, 5)).Appointment!;
        var second = Book(slot, At(Monday, 8, 20), Channel.Online);

        var row = Compute([slot], [cancelled, second]).Single(r => r.Group == ChannelGroup.Online);

        row.AllTakenAt.Should().Be(Monday.At(new LocalTime(8, 20)), "the day was full again when the slot was booked a second time");
        row.Taken.Should().Be(1);
    }

    [Fact]
    public void Compute_NothingReleasedToAGroup_RowOfZerosWithoutATime()
    {
        var reception = Session(Monday, 9, 2, template: 3, service: 3);

        var rows = Compute(reception, []);

        rows.Select(r => r.Group).Should().Equal(ChannelGroup.Online, ChannelGroup.Nhs111);
        rows.Should().OnlyContain(r => r.Released == 0 && r.Taken == 0 && r.AllTakenAt == null);
    }

    [Fact]
    public void Compute_Refusals_SplitIntoNoneLeftAndOtherPerGroup()
    {
        var online = Session(Monday, 9, 1, service: 1);
        RefusalCount[] refusals =
        [
            new(Monday, ChannelGroup.Online, RefusalReason.SlotTaken, 40),
            new(Monday, ChannelGroup.Online, RefusalReason.QuotaUsed, 5),
            new(Monday, ChannelGroup.Online, RefusalReason.SlotTaken, 2),
            new(Monday, ChannelGroup.Online, RefusalReason.ChannelPaused, 3),
            new(Monday, ChannelGroup.Nhs111, RefusalReason.OtherRule, 1),
            new(Monday, ChannelGroup.Reception, RefusalReason.SlotTaken, 9),
            new(Monday.PlusDays(1), ChannelGroup.Online, RefusalReason.SlotTaken, 100),
        ];

        var rows = Compute(online, [], refusals);

        rows.Single(r => r.Group == ChannelGroup.Online).Should().Match<ChannelUptakeRow>(r => r.RefusedNoneLeft == 47 && r.RefusedOther == 3);
        rows.Single(r => r.Group == ChannelGroup.Nhs111).Should().Match<ChannelUptakeRow>(r => r.RefusedNoneLeft == 0 && r.RefusedOther == 1);
    }

    [Fact]
    public void Compute_OneRowPerDateAndGroup_InDateOrder()
    {
        var range = new DateInterval(Monday, Monday.PlusDays(2));

        var rows = ChannelUptake.Compute(London, range, [], [], Rules, Representatives, Nhs111Selector, []);

        rows.Select(r => (r.Date, r.Group)).Should().Equal(
            (Monday, ChannelGroup.Online), (Monday, ChannelGroup.Nhs111),
            (Monday.PlusDays(1), ChannelGroup.Online), (Monday.PlusDays(1), ChannelGroup.Nhs111),
            (Monday.PlusDays(2), ChannelGroup.Online), (Monday.PlusDays(2), ChannelGroup.Nhs111));
    }

    [Fact]
    public void ReasonOf_NoneLeftBeforeOtherReasons()
    {
        var quota = new QuotaUsed(new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Count(3)), new QuotaBucket(1, Monday, null), 3);

        ReportGrouping.ReasonOf([new NotReleasedToChannel(), new SlotAlreadyBooked()]).Should().Be(RefusalReason.SlotTaken);
        ReportGrouping.ReasonOf([new PatientCapReached(2), quota]).Should().Be(RefusalReason.QuotaUsed);
        ReportGrouping.ReasonOf([new PatientCapReached(2)]).Should().Be(RefusalReason.PatientCapReached);
        ReportGrouping.ReasonOf([new NotReleasedToChannel()]).Should().Be(RefusalReason.OtherRule);
    }
}
