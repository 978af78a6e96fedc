using Booking.Load;
using Booking.Load.Harness;
using Booking.Load.Runners;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Load;

/// <summary>
/// The short circuit run of <c>tools/load/run.sh circuits</c>: a few receptionist sessions in Chromium on a 30-clinician
/// day that is mostly booked. Every session must draw the grid's cells on screen and follow next and previous day, and a
/// booking at another desk must reach a watching book; the memory and timing targets are for the full run on a quiet
/// machine, so they are not asserted here.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class CircuitLoadTests
{
    [Fact]
    public async Task Circuits_ReceptionistSessionsOnABusyDay_EverySessionDrawsTheWholeDay()
    {
        var report = new Report(TextWriter.Null);

        var result = await CircuitScenario.RunAsync(Targets.QuickCircuits, report);

        result.ClinicianSessions.Drawn.Should().Be(Targets.QuickCircuits.ClinicianSessions);
        result.WholeDaySessions.Drawn.Should().Be(Targets.QuickCircuits.WholeDaySessions);
        result.DaySlots.Should().BeGreaterThan(900, "30 clinicians fill a weekday");
        result.DayBooked.Should().BeInRange(result.DaySlots * 80 / 100, result.DaySlots * 90 / 100, "about {0}% of the free slots are booked", CircuitScenario.BookedPercent);
        result.FirstLoad.Count.Should().Be(Targets.QuickCircuits.RenderSamples);
        result.DayChange.Count.Should().Be(2 * Targets.QuickCircuits.RenderSamples);
        result.ChangeShown.Count.Should().Be(Targets.QuickCircuits.ChangeSamples);
        result.ClinicianSessions.Memory.Select(p => p.Sessions).Should().Equal(0, 2, 4, 6, 8);
        result.WholeDaySessions.Memory.Select(p => p.Sessions).Should().Equal(0, 1, 2, 3, 4);
        result.ClinicianSessions.Memory.Concat(result.WholeDaySessions.Memory).Should().OnlyContain(p => p.ResidentBytes > 0);
        report.Problems.Should().BeEmpty();
    }
}
