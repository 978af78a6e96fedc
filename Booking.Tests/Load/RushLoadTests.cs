using Booking.Load;
using Booking.Load.Harness;
using Booking.Load.Runners;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Load;

/// <summary>
/// The short version of tools/load/run.sh, against the real app on loopback: a 100-client 08:00 rush (FHIR clients
/// and receptionists, all through the app) in one app process and spread over two on one database, and one
/// SIGKILL-and-restart. A double booking, a quota breach, a 5xx, a loser not told why or a lost acknowledged
/// booking fails the build. Speed targets are for the full run on a quiet machine, so they are not asserted here.
/// ./test.sh runs the class on SQLite and again on PostgreSQL.
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

        ShouldHaveKeptTheLedger(result, verdict, report, instances: 1);
    }

    /// <summary>
    /// Two processes share nothing but the database (no in-process gate, tokens and sign-ins issued by the first and
    /// used on both). On PostgreSQL that is how Booking scales out; on one SQLite file it is not deployed, but the
    /// file's own lock must keep the same ledger, so it runs on both providers.
    /// </summary>
    [Fact]
    public async Task Rush_HundredClientsSpreadOverTwoAppProcessesOnOneDatabase_NoDoubleBookingNoQuotaBreachEveryLoserToldWhy()
    {
        var report = new Report(TextWriter.Null);

        var (result, verdict) = await RushScenarios.RushAsync(Targets.QuickRush, report, instances: 2);

        ShouldHaveKeptTheLedger(result, verdict, report, instances: 2);
        result.Attempts.Select(a => a.Instance).Distinct().Should().BeEquivalentTo([0, 1], "the clients are spread over both processes");
        result.Booked.Select(a => a.Instance).Distinct().Should().BeEquivalentTo([0, 1], "each process books some of the slots");
    }

    [Fact]
    public async Task Crash_AppKilledDuringTheRushAndRestarted_EveryAcknowledgedBookingKeptNothingDoubled()
    {
        var report = new Report(TextWriter.Null);

        var verdicts = await RushScenarios.CrashAsync(rounds: 1, Targets.QuickCrashRush, report);

        verdicts.Should().ContainSingle().Which.Violations.Should().BeEmpty();
        report.Problems.Should().BeEmpty();
    }

    private static void ShouldHaveKeptTheLedger(RushResult result, LedgerVerdict verdict, Report report, int instances)
    {
        verdict.Violations.Should().BeEmpty();
        report.Problems.Should().BeEmpty();
        result.Attempts.Should().NotContain(a => a.Outcome == AttemptOutcome.Failed || a.Outcome == AttemptOutcome.NoReply);
        result.Attempts.Where(a => a.Outcome != AttemptOutcome.Booked).Should().OnlyContain(a => !string.IsNullOrWhiteSpace(a.Reason));
        result.Attempts.Where(a => a.Outcome == AttemptOutcome.SlotTaken).Should().OnlyContain(a => a.Status == 409);
        result.Attempts.Where(a => a.Outcome == AttemptOutcome.Refused).Should().OnlyContain(a => a.Status == 422);
        result.Attempts.Should().Contain(a => a.Path == RushRunner.StaffPath && a.Outcome == AttemptOutcome.Booked, "receptionists book through the app too");
        result.BookingWriteLocks.Should().HaveCount(instances, "every app process reports how long each booking held its write lock");
        result.BookingWriteLocks.Sum(w => w.Count).Should().BeGreaterThanOrEqualTo(verdict.Active);
        result.Count(AttemptOutcome.Booked).Should().Be(verdict.Active).And.BeGreaterThan(0);
    }
}
