using System.Net;
using Booking.Core.Time;
using Booking.Load.Harness;
using Booking.Load.Practices;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>
/// The settings every load run gives the app: no per-client rate limit in the way, quieter logs, and the load door
/// (Development only) through which the rush's receptionists book and the lock times are read.
/// </summary>
public static class LoadSettings
{
    public static IReadOnlyDictionary<string, string> ForApp { get; } = new Dictionary<string, string>
    {
        ["Fhir__RateLimit__RequestsPerMinute"] = AppOptions.UnlimitedRate,
        ["Booking__LoadDoor"] = "true",

        // Information logs one line per booking to a redirected pipe; the harness measures the app, not the pipe.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };
}

/// <summary>
/// The 08:00 rush (issue 7, part 1; over several app processes on one database, issue 15, item 4) and the crash run
/// (issue 7, part 3) over <see cref="RushPractice"/>.
/// </summary>
public static class RushScenarios
{
    private static readonly DateTimeZone Zone = PracticeTime.Zone;

    /// <summary>
    /// Seeds a fresh database, starts <paramref name="instances"/> app processes on it at 08:00 on the first rush day
    /// (same clock and settings; one unless a run asks for more), runs the rush spread over them and checks the ledger.
    /// </summary>
    public static async Task<(RushResult Result, LedgerVerdict Verdict)> RushAsync(
        RushOptions options, Report report, int instances = 1, CancellationToken cancellationToken = default)
    {
        using var database = new LoadDatabase();
        await database.MigrateAsync();
        await RushPractice.SeedAsync(database.Factory, cancellationToken);
        var day = RushPractice.RushDay(0);
        var opening = day.At(RushPractice.ReleasedAt);
        await using var apps = await AppInstances.StartAsync(database.AppOptions(opening, LoadSettings.ForApp), instances);
        var clock = RunningClock.At(opening, Zone);
        var (nhs111, online) = await RushRunner.RegisterConsumersAsync(database, clock);
        var runner = new RushRunner(database, nhs111, online, clock, new NhsNumberSource(300_000));

        var result = await runner.RunAsync(apps.Http, day, options, cancellationToken: cancellationToken);
        var verdict = await LedgerCheck.VerifyAsync(database, day, result.Acknowledged, everyReplyArrived: true);
        foreach (var failed in result.Attempts.Where(a => a.Outcome is AttemptOutcome.Failed or AttemptOutcome.NoReply).Take(10))
        {
            report.Problem($"rush: {failed.Path} {failed.Outcome} {failed.Reason}");
        }

        foreach (var violation in verdict.Violations)
        {
            report.Problem("rush: " + violation);
        }

        for (var instance = 0; instance < instances; instance++)
        {
            if (!await IsHealthyAsync(apps.Http[instance]))
            {
                report.Problem($"rush: /health of app process {instance + 1} is not 200 after the rush");
            }
        }

        report.Note($"rush: {options.Clients} clients ({options.FhirClients} FHIR, {options.StaffClients} staff) over {instances} app process(es) on one " +
            $"{database.Provider} database, {RushPractice.SlotsPerDay} slots, " +
            $"{result.Attempts.Count} attempts: {result.Count(AttemptOutcome.Booked)} booked, {result.Count(AttemptOutcome.SlotTaken)} told taken, " +
            $"{result.Count(AttemptOutcome.Refused)} refused with a reason, {result.Count(AttemptOutcome.Failed) + result.Count(AttemptOutcome.NoReply)} failed; " +
            $"stored {verdict.Active} (online {verdict.Online}/{RushPractice.OnlineDailyCap}, 111 {verdict.UrgentCare}/{RushPractice.UrgentCareDailyCap}, reception {verdict.Reception})");
        report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"rush: last booking {result.TimeToLastBooking.TotalSeconds:0.0} s after the gun; every client answered after {result.Wall.TotalSeconds:0.0} s ({result.AnswersPerSecond:0} answers/s)"));
        report.Note($"rush latency: all {result.Latency}; FHIR 111 {result.LatencyOf(RushRunner.Nhs111Path)}; online {result.LatencyOf(RushRunner.OnlinePath)}; staff {result.LatencyOf(RushRunner.StaffPath)}");
        for (var instance = 0; instance < instances; instance++)
        {
            if (instances > 1)
            {
                var answered = result.Attempts.Where(a => a.Instance == instance).ToList();
                report.Note($"rush on app process {instance + 1} ({apps.Processes[instance].BaseAddress}): {answered.Count} attempts, " +
                    $"{answered.Count(a => a.Outcome == AttemptOutcome.Booked)} booked; latency {result.LatencyOn(instance)}");
            }

            var on = instances > 1 ? $" on app process {instance + 1}" : "";
            foreach (var held in result.WriteLockByInstance[instance])
            {
                // With several processes a hold of the in-process gate includes the wait for the database's lock row,
                // which another process may hold: it is the time a writer kept its process's other writers waiting.
                report.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"write lock held{on}, {held.Operation}: p50 {held.P50:0.00} ms, p99 {held.P99:0.00} ms, max {held.Max:0.00} ms (n={held.Count})"));
            }
        }
        foreach (var reason in result.Attempts.Where(a => a.Outcome == AttemptOutcome.Refused).GroupBy(a => a.Reason).OrderByDescending(g => g.Count()).Take(3))
        {
            report.Note($"refused x{reason.Count()}: {reason.Key}");
        }

        foreach (var consumer in nhs111.Concat(online))
        {
            consumer.Dispose();
        }

        return (result, verdict);
    }

    /// <summary>
    /// <paramref name="rounds"/> times: start the app at 08:00 on the next rush day, start the rush, SIGKILL the app
    /// after a seeded number of FHIR bookings acknowledged with 201, run the integrity check on the file as the crash left it,
    /// restart the app on the same file, re-send the requests that got no reply (same X-Request-Id, or for a receptionist
    /// the same appointment id), and check every acknowledged booking is there, nothing is doubled, the quotas held and,
    /// once every re-sent request was answered, nothing is stored that nobody was told of.
    /// </summary>
    public static async Task<IReadOnlyList<LedgerVerdict>> CrashAsync(
        int rounds, RushOptions options, Report report, CancellationToken cancellationToken = default)
    {
        using var database = new LoadDatabase();
        await database.MigrateAsync();
        await RushPractice.SeedAsync(database.Factory, cancellationToken);
        var clock = RunningClock.At(RushPractice.RushDay(0).At(RushPractice.ReleasedAt), Zone);
        var (nhs111, online) = await RushRunner.RegisterConsumersAsync(database, clock);
        var patients = new NhsNumberSource(500_000);
        var random = new Random(options.Seed);
        var verdicts = new List<LedgerVerdict>();
        for (var round = 0; round < rounds; round++)
        {
            var day = RushPractice.RushDay(round);
            var opening = day.At(RushPractice.ReleasedAt);
            var killAfter = random.Next(2, 11);
            var app = await AppProcess.StartAsync(database.AppOptions(opening, LoadSettings.ForApp));
            clock.Reset(opening, Zone);
            RushResult result;
            var killedAt = 0;
            using (var http = FhirWire.CreateHttp(app.BaseAddress))
            {
                var runner = new RushRunner(database, nhs111, online, clock, patients);
                var booked = 0;
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var rush = runner.RunAsync([http], day, options, onBooked: attempt =>
                {
                    // Every acknowledged booking counts, the receptionists' too: they book through the app that is killed.
                    if (Interlocked.Increment(ref booked) == killAfter)
                    {
                        enough.TrySetResult();
                    }
                }, cancellationToken);
                await Task.WhenAny(enough.Task, rush);
                killedAt = Volatile.Read(ref booked);
                await app.KillAsync();
                result = await rush;
            }

            await app.DisposeAsync();
            var afterKill = await database.IntegrityCheckAsync();
            var restarted = await AppProcess.StartAsync(database.AppOptions(opening, LoadSettings.ForApp));
            try
            {
                clock.Reset(opening, Zone);
                using var http = FhirWire.CreateHttp(restarted.BaseAddress);
                var runner = new RushRunner(database, nhs111, online, clock, patients);
                var retries = await runner.RetryUnansweredAsync(http, result, cancellationToken);
                var acknowledged = result.Acknowledged.Concat(retries.Where(r => r.Outcome == AttemptOutcome.Booked).Select(r => r.AppointmentId!.Value)).ToHashSet();
                // An attempt unanswered at the kill may have committed; its retry with the same id is then answered with
                // that booking, so once every retry is answered the stored bookings must be exactly the acknowledged ones.
                var verdict = await LedgerCheck.VerifyAsync(database, day, acknowledged, everyReplyArrived: retries.All(r => r.Outcome != AttemptOutcome.NoReply));
                verdicts.Add(verdict);
                var afterRestart = await database.IntegrityCheckAsync();
                var fhirAcknowledged = result.Booked.Count(a => a.Path != RushRunner.StaffPath);
                report.Note($"crash round {round + 1}: {(killedAt >= killAfter ? $"killed after {killedAt} acknowledged bookings" : "the rush ended before the kill")}; " +
                    $"{fhirAcknowledged} FHIR and {result.Acknowledged.Count - fhirAcknowledged} staff bookings acknowledged, " +
                    $"{result.Count(AttemptOutcome.NoReply)} unanswered, re-sent: {retries.Count(r => r.Outcome == AttemptOutcome.Booked)} booked, " +
                    $"{retries.Count(r => r.Outcome is AttemptOutcome.SlotTaken or AttemptOutcome.Refused)} refused; stored {verdict.Active}; " +
                    $"integrity after kill '{afterKill}', after restart '{afterRestart}'");
                foreach (var violation in verdict.Violations)
                {
                    report.Problem($"crash round {round + 1}: {violation}");
                }

                foreach (var failed in result.Attempts.Concat(retries).Where(a => a.Outcome == AttemptOutcome.Failed).Take(5))
                {
                    report.Problem($"crash round {round + 1}: {failed.Path} {failed.Reason}");
                }

                foreach (var unanswered in retries.Where(r => r.Outcome == AttemptOutcome.NoReply).Take(5))
                {
                    report.Problem($"crash round {round + 1}: a retry after restart got no reply: {unanswered.Reason}");
                }

                if (killedAt < killAfter)
                {
                    report.Problem($"crash round {round + 1}: the rush ended before {killAfter} bookings were acknowledged, so nothing was killed mid-rush");
                }

                if (afterKill != "ok" || afterRestart != "ok")
                {
                    report.Problem($"crash round {round + 1}: integrity_check said '{afterKill}' after the kill and '{afterRestart}' after the restart");
                }
            }
            finally
            {
                await restarted.DisposeAsync();
            }
        }

        foreach (var consumer in nhs111.Concat(online))
        {
            consumer.Dispose();
        }

        return verdicts;
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
