using Booking.Load;
using Booking.Load.Harness;
using Booking.Load.Runners;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Load;

/// <summary>
/// The short version of tools/load/run.sh, against the real app on loopback: a 100-client 08:00 rush (FHIR clients
/// and receptionists, all through the app) and one SIGKILL-and-restart. A double booking, a quota breach, a 5xx, a loser not told why or a lost acknowledged
/// booking fails the build. Speed targets are for the full run on a quiet machine, so they are not asserted here.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait(SerialCollection.Trait, SerialCollection.Serial)]
public sealed class RushLoadTests
{
    [Fact]
    public async Task Rush_HundredClientsRaceForNinetySlots_NoDoubleBookingNoQuotaBreachEveryLoserToldWhy()
    {
        var report = new Report(TextWriter.Null);

        var (result, verdict) = await RushScenarios.RushAsync(Targets.QuickRush, report);

        verdict.Violations.Should().BeEmpty();
        report.Problems.Should().BeEmpty();
        result.Attempts.Should().NotContain(a => a.Outcome == AttemptOutcome.Failed || a.Outcome == AttemptOutcome.NoReply);
        result.Attempts.Where(a => a.Outcome != AttemptOutcome.Booked).Should().OnlyContain(a => !string.IsNullOrWhiteSpace(a.Reason));
        result.Attempts.Where(a => a.Outcome == AttemptOutcome.SlotTaken).Should().OnlyContain(a => a.Status == 409);
        result.Attempts.Where(a => a.Outcome == AttemptOutcome.Refused).Should().OnlyContain(a => a.Status == 422);
        result.Attempts.Should().Contain(a => a.Path == RushRunner.StaffPath && a.Outcome == AttemptOutcome.Booked, "receptionists book through the app too");
        result.BookingWriteLock.Should().NotBeNull("the app reports how long each booking held the write lock");
        result.BookingWriteLock!.Count.Should().BeGreaterThanOrEqualTo(verdict.Active);
        result.Count(AttemptOutcome.Booked).Should().Be(verdict.Active).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task Crash_AppKilledDuringTheRushAndRestarted_EveryAcknowledgedBookingKeptNothingDoubled()
    {
        var report = new Report(TextWriter.Null);

        var verdicts = await RushScenarios.CrashAsync(rounds: 1, Targets.QuickCrashRush, report);

        verdicts.Should().ContainSingle().Which.Violations.Should().BeEmpty();
        report.Problems.Should().BeEmpty();
    }
}
