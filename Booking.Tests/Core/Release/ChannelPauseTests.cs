using Booking.Core.Release;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Release;

/// <summary>The brake for busy days: a paused channel is offered nothing on the paused days, whatever the rules say.</summary>
public class ChannelPauseTests
{
    private static readonly Caller Reception = new(Channel.Reception);
    private static readonly Caller Online = new(Channel.Online, Patient);
    private static readonly Caller Nhs111Caller = new(Nhs111);
    private static readonly ReleaseRule ToEveryone =
        ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector);

    [Fact]
    public void WhyNot_OnlinePausedForTheDay_WithholdsOnlineWithTheReasonAndLeavesReceptionAnd111Alone()
    {
        var slot = Slot(Monday, 10);
        var pause = new ChannelPause(1, PausableChannel.Online, new DateInterval(Monday, Monday), "Two GPs off sick");
        var policy = new ReleasePolicy(London, [ToEveryone], [], pauses: [pause]);

        policy.WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().ContainSingle()
            .Which.Message.Should().Be("The practice has paused online booking: Two GPs off sick");
        policy.WhyNot(Reception, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Nhs111Caller, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_OrganisationsPaused_Withholds111ButNotOnline()
    {
        var slot = Slot(Monday, 10);
        var pause = new ChannelPause(1, PausableChannel.Organisations, new DateInterval(Monday, Monday), "Flu clinic overran");
        var policy = new ReleasePolicy(London, [ToEveryone], [], pauses: [pause]);

        policy.WhyNot(Nhs111Caller, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().ContainSingle()
            .Which.Should().BeOfType<ChannelPaused>().Which.Message.Should().Contain("NHS 111 and other organisations");
        policy.WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_PauseOverThreeDays_OffersOnlineOnlyTheDaysOutsideIt()
    {
        var days = Enumerable.Range(0, 5).Select(d => Monday.PlusDays(d)).ToList();
        var slots = days.Select(d => Slot(d, 10)).ToList();
        var pause = new ChannelPause(1, PausableChannel.Online, new DateInterval(Monday.PlusDays(1), Monday.PlusDays(3)), "Busy week");
        var policy = new ReleasePolicy(London, [ToEveryone], [], pauses: [pause]);

        var offered = policy.Evaluate(Online, At(Monday, 7), slots, new QuotaLedger()).Offered;

        offered.Select(s => s.Date).Should().Equal(Monday, Monday.PlusDays(4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void New_NoReason_IsRefusedWithWhatToDo(string reason)
    {
        var create = () => new ChannelPause(1, PausableChannel.Online, new DateInterval(Monday, Monday), reason);

        create.Should().Throw<ArgumentException>().WithMessage("Give a reason*");
    }

    [Fact]
    public void New_LongerThanAMonth_IsRefused()
    {
        var create = () => new ChannelPause(1, PausableChannel.Online, new DateInterval(Monday, Monday.PlusDays(ChannelPause.MaxDays)), "Summer");

        create.Should().Throw<ArgumentException>().WithMessage("A pause covers at most 31 days*");
    }

    [Fact]
    public void New_UnknownChannel_IsRefused()
    {
        var create = () => new ChannelPause(1, (PausableChannel)7, new DateInterval(Monday, Monday), "Busy");

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
