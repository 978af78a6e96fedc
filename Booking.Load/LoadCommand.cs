using System.Diagnostics;
using System.Globalization;
using Booking.Load.Harness;

namespace Booking.Load;

/// <summary>
/// <c>Booking.Load [all|rush|crash|corpus|search|circuits] [--quick]</c>: runs the load and fault scenarios of issue 7
/// against Booking.Web started on loopback, prints each figure with PASS or FAIL against <see cref="Targets"/>, and
/// exits 1 when anything failed. <c>all</c> is the four server runs; <c>circuits</c> drives Chromium and runs alone.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var quick = args.Contains("--quick");
        var report = new Report(output);
        var total = Stopwatch.StartNew();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Booking.Load {scenario}{(quick ? " --quick" : "")}: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(9));
        var runs = new Dictionary<string, Func<Task>>
        {
            ["rush"] = () => Targets.RushAsync(report, quick, stop.Token),
            ["crash"] = () => Targets.CrashAsync(report, quick, stop.Token),
            ["corpus"] = () => Targets.CorpusAsync(report, quick, stop.Token),
            ["search"] = () => Targets.SearchAsync(report, stop.Token),
            ["circuits"] = () => Targets.CircuitsAsync(report, quick, stop.Token),
        };
        if (scenario == "all")
        {
            foreach (var run in new[] { "rush", "crash", "corpus", "search" })
            {
                await runs[run]();
            }
        }
        else if (runs.TryGetValue(scenario, out var run))
        {
            await run();
        }
        else
        {
            output.WriteLine($"Unknown scenario '{scenario}'. Use one of: all, {string.Join(", ", runs.Keys)}.");
            return 2;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(report.Passed ? "PASS" : "FAIL")}: {report.Figures.Count(f => f.Pass)}/{report.Figures.Count} figures on target, {report.Problems.Count} problems, " +
            $"{total.Elapsed.TotalSeconds:0} s, load average now {LoadAverage()}"));
        return report.Passed ? 0 : 1;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), so noisy figures can be recognised as such.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
