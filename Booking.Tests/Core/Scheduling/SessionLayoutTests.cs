using Booking.Core.Scheduling;
using FluentAssertions;
using Xunit;
using static Booking.Tests.Core.Scheduling.RotaExamples;

namespace Booking.Tests.Core.Scheduling;

public class SessionLayoutTests
{
    private static readonly SlotLength TenMinutes = SlotLength.FromMinutes(10);

    [Fact]
    public void Uniform_BreakInTheMiddle_MakesRunBreakRun()
    {
        var layout = Uniform("08:30-11:30", 10, "11:00-11:10");

        layout.Times.Should().Be(Times("08:30-11:30"));
        layout.Segments.Select(s => s.Times.ToString()).Should().Equal("08:30-11:00", "11:00-11:10", "11:10-11:30");
        layout.Segments[1].Should().BeOfType<SessionBreak>();
        layout.SlotCount.Should().Be(17);
    }

    [Fact]
    public void Create_MixedServices_KeepsEachRunsServiceAndLength()
    {
        var layout = SessionLayout.Create(
        [
            new SlotRun(Times("09:00-10:00"), NurseAppointment, SlotLength.FromMinutes(15)),
            new SessionBreak(Times("10:00-10:15")),
            new SlotRun(Times("10:15-10:45"), AdminTime, SlotLength.FromMinutes(30)),
        ]);

        layout.SlotCount.Should().Be(5);
        layout.Segments.OfType<SlotRun>().Select(r => (r.ServiceId, r.SlotCount)).Should().Equal((NurseAppointment, 4), (AdminTime, 1));
    }

    [Fact]
    public void Create_GapBetweenSegments_Throws()
    {
        var act = () => SessionLayout.Create(
        [
            new SlotRun(Times("09:00-10:00"), GpAppointment, TenMinutes),
            new SlotRun(Times("10:10-11:00"), GpAppointment, TenMinutes),
        ]);

        act.Should().Throw<ArgumentException>().WithMessage("*without gap or overlap*");
    }

    [Fact]
    public void Create_OnlyABreak_Throws()
    {
        var act = () => SessionLayout.Create([new SessionBreak(Times("09:00-10:00"))]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void SlotRun_SpanNotAWholeNumberOfSlots_Throws()
    {
        var act = () => new SlotRun(Times("08:30-11:25"), GpAppointment, TenMinutes);

        act.Should().Throw<ArgumentException>().WithMessage("*175 minutes*");
    }

    [Fact]
    public void Uniform_BreakOutsideSession_Throws()
    {
        var act = () => Uniform("08:30-11:30", 10, "11:30-11:40");

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SlotLength.MaxMinutes + 1)]
    public void SlotLengthFromMinutes_OutOfRange_Throws(int minutes)
    {
        var act = () => SlotLength.FromMinutes(minutes);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
