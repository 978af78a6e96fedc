using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.WhatIf;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.WhatIf;

public class WhatIfPreviewTests
{
    private static readonly DateInterval MondayTuesday = new(Monday, Monday.PlusDays(1));

    private static readonly PreviewChannel[] Channels =
    [
        new("reception", Channel.Reception),
        new("online", Channel.Online),
        new("111", Nhs111),
    ];

    // Dr Patel (1): Monday and Tuesday 09:00-10:00, six 10-minute GP slots (service 1).
    private static readonly Rota Rota = new(
        Enumerable.Range(0, 2).Select(i => new SessionTemplate(
            i + 1,
            1,
            1,
            IsoDayOfWeek.Monday + i,
            SessionLayout.Uniform(new LocalTimeRange(new LocalTime(9, 0), new LocalTime(10, 0)), 1, SlotLength.FromMinutes(10)),
            new LocalDate(2026, 1, 1))));

    private static readonly ReleaseRule ToEveryone = ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector);

    private static ReleasePolicy WithOnlineShare(int percent) =>
        Policy([ToEveryone], [new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(percent))]);

    private static Appointment BookFirstMondaySlot(ReleasePolicy policy, Channel channel)
    {
        var slots = SlotGenerator.Generate(Rota, MondayTuesday).SlotsOn(Monday);
        return new AppointmentBook(policy)
            .Book(new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), slots[0], channel, Receptionist), slots, new QuotaLedger(), At(Monday, 7))
            .Appointment!;
    }

    [Fact]
    public void Preview_QuotaRaised_MoreOnlineCapacityNothingAffected()
    {
        var current = new ReleaseScenario(Rota, WithOnlineShare(40));
        var proposed = new ReleaseScenario(Rota, WithOnlineShare(60));
        var appointment = BookFirstMondaySlot(current.Policy, Channel.Online);

        var preview = WhatIfPreview.Preview(current, proposed, MondayTuesday, Channels, [appointment]);

        preview.Days.Should().HaveCount(2);
        var monday = preview.Days[0];
        monday.CurrentSlots.Should().Be(6);
        monday.ProposedSlots.Should().Be(6);
        monday.Channels.Single(c => c.Channel == "online").Should().Be(
            new WhatIfChannelDay("online", new ChannelCapacity(6, 2), new ChannelCapacity(6, 3)));
        monday.Channels.Single(c => c.Channel == "reception").Proposed.Should().Be(new ChannelCapacity(6, 6));
        preview.AffectedAppointments.Should().BeEmpty();
        preview.OutsideRelease.Should().BeEmpty();
    }

    [Fact]
    public void Preview_LeaveAdded_FewerSlotsAndTheBookingListedForStaff()
    {
        var policy = WithOnlineShare(40);
        var current = new ReleaseScenario(Rota, policy);
        var proposed = new ReleaseScenario(Rota.With(leave: [new PractitionerLeave(1, 1, new DateInterval(Monday, Monday))]), policy);
        var appointment = BookFirstMondaySlot(policy, Channel.Reception);

        var preview = WhatIfPreview.Preview(current, proposed, MondayTuesday, Channels, [appointment], id => id == 1 ? "Dr Patel" : null);

        preview.Days[0].ProposedSlots.Should().Be(0);
        preview.Days[0].Channels.Should().OnlyContain(c => c.Proposed == new ChannelCapacity(0, 0));
        preview.Days[1].ProposedSlots.Should().Be(6);
        preview.AffectedAppointments.Should().ContainSingle();
        preview.AffectedAppointments[0].Appointment.Should().BeSameAs(appointment);
        preview.AffectedAppointments[0].Impact.Should().Be(SlotImpact.Suppressed);
        preview.AffectedAppointments[0].Explanation.Should().Be("Dr Patel on leave");
    }

    [Fact]
    public void Preview_111NoLongerReleased_BookingStandsButIsFlagged()
    {
        var current = new ReleaseScenario(Rota, Policy([ToEveryone]));
        var proposed = new ReleaseScenario(Rota, Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online)]));
        var appointment = BookFirstMondaySlot(current.Policy, Nhs111);

        var preview = WhatIfPreview.Preview(current, proposed, MondayTuesday, Channels, [appointment]);

        preview.Days[0].Channels.Single(c => c.Channel == "111").Should().Be(
            new WhatIfChannelDay("111", new ChannelCapacity(6, 6), new ChannelCapacity(0, 0)));
        preview.AffectedAppointments.Should().BeEmpty();
        preview.OutsideRelease.Should().ContainSingle().Which.Appointment.Should().BeSameAs(appointment);
    }

    [Fact]
    public void Preview_111DailyAllocationWithHandBack_ReceptionSeesHandedBackSlots()
    {
        var reservedFor111 = ServiceRule(ReleaseTerms.Open, Nhs111Selector) with { HandBack = new HandBack(Duration.FromHours(1), ChannelSelector.Reception) };
        var current = new ReleaseScenario(Rota, Policy([ToEveryone]));
        var proposed = new ReleaseScenario(Rota, Policy([reservedFor111], [Nhs111Allocation.DailyQuota(1, Nhs111Selector, 6_500)]));

        var monday = WhatIfPreview.Preview(current, proposed, MondayTuesday, Channels, []).Days[0];

        monday.Channels.Single(c => c.Channel == "111").Proposed.Should().Be(new ChannelCapacity(6, 3));
        monday.Channels.Single(c => c.Channel == "reception").Proposed.Should().Be(new ChannelCapacity(6, 6));
        monday.Channels.Single(c => c.Channel == "online").Proposed.Should().Be(new ChannelCapacity(0, 0));
    }
}
