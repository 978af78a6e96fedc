using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Booking.Data.Storage;
using Booking.Load.Harness;
using Booking.Load.Runners;

namespace Booking.Load;

/// <summary>
/// <c>Booking.Load [all|rush|crash|corpus|search|circuits] [--quick]</c>: runs the load and fault scenarios of issue 7
/// against Booking.Web started on loopback, prints each figure with PASS or FAIL against <see cref="Targets"/>, and
/// exits 1 when anything failed. <c>all</c> is the four server runs; <c>circuits</c> drives Chromium and runs alone.
/// <c>rush --instances 2</c> spreads the rush over two app processes on one PostgreSQL database (issue 15, item 4).
/// <c>--help</c> prints the usage and runs nothing; an unknown scenario or option prints it too and exits 2.
/// </summary>
public static class LoadCommand
{
    /// <summary>The scenario <c>all</c> runs, in order; <c>circuits</c> is left out (it needs Chromium and takes 9 minutes).</summary>
    private static readonly string[] AllRuns = ["rush", "crash", "corpus", "search"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var scenario = new Argument<string>("scenario")
        {
            Description = "all (rush, crash, corpus and search, one after another), or one of them, or circuits (Chromium sessions, alone).",
            DefaultValueFactory = _ => "all",
        };
        scenario.AcceptOnlyFromAmong(["all", .. AllRuns, "circuits"]);
        var quick = new Option<bool>("--quick") { Description = "The sizes the test suite runs, instead of the full evidence run." };
        var queries = new Option<string[]>("--query")
        {
            Description = "search only: a path and query under /fhir/ to measure instead of the two default ones; repeat for more.",
            AllowMultipleArgumentsPerToken = false,
        };
        var instances = new Option<int>("--instances")
        {
            Description = "rush only: how many Booking.Web processes the clients are spread over, all on one fresh PostgreSQL database " +
                "(tools/load/run.sh starts a private cluster for it). Without it, one process on a SQLite file.",
            DefaultValueFactory = _ => 1,
        };
        instances.Validators.Add(option =>
        {
            if (option.GetValueOrDefault<int>() < 1)
            {
                option.AddError("--instances must be 1 or more.");
            }
        });
        queries.Validators.Add(option =>
        {
            foreach (var problem in option.GetValueOrDefault<string[]>()?.Select(SearchScenario.Problem).OfType<string>() ?? [])
            {
                option.AddError(problem);
            }
        });
        var root = new RootCommand("The load and fault runs against Booking.Web on loopback; PASS or FAIL per figure, exit 1 on any FAIL.")
        {
            scenario,
            quick,
            queries,
            instances,
        };
        root.Validators.Add(command =>
        {
            if (command.GetValue(queries) is { Length: > 0 } && command.GetValue(scenario) != "search")
            {
                command.AddError("--query applies to the search run only: tools/load/run.sh search --query '/fhir/Slot?...'");
            }

            if (command.GetResult(instances) is { Implicit: false })
            {
                if (command.GetValue(scenario) != "rush")
                {
                    command.AddError("--instances applies to the rush run only: tools/load/run.sh rush --instances 2");
                }
                else if (ScratchPostgres.Provider != DatabaseProvider.PostgreSql)
                {
                    // Processes that share nothing but the database are the deployed shape on a server database only.
                    command.AddError($"--instances runs on PostgreSQL: tools/load/run.sh rush --instances 2 starts a private cluster and sets " +
                        $"{ScratchPostgres.ProviderVariable} and {ScratchPostgres.ServerVariable}.");
                }
            }
        });
        root.SetAction((parse, _) =>
        {
            var chosen = parse.GetValue(queries) is { Length: > 0 } given ? given : SearchScenario.DefaultQueries;
            return RunScenarioAsync(parse.GetRequiredValue(scenario), parse.GetValue(quick), parse.GetValue(instances), chosen, output);
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync();
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> RunScenarioAsync(string scenario, bool quick, int instances, IReadOnlyList<string> searchQueries, TextWriter output)
    {
        var report = new Report(output);
        var total = Stopwatch.StartNew();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Booking.Load {scenario}{(quick ? " --quick" : "")}{(instances > 1 ? $" --instances {instances}" : "")}: {Environment.ProcessorCount} cores, " +
            $"load average {LoadAverage()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, databases on {ScratchPostgres.Provider}"));
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(9));
        var runs = new Dictionary<string, Func<Task>>
        {
            ["rush"] = () => Targets.RushAsync(report, quick, instances, stop.Token),
            ["crash"] = () => Targets.CrashAsync(report, quick, stop.Token),
            ["corpus"] = () => Targets.CorpusAsync(report, quick, stop.Token),
            ["search"] = () => Targets.SearchAsync(report, searchQueries, stop.Token),
            ["circuits"] = () => Targets.CircuitsAsync(report, quick, stop.Token),
        };
        foreach (var run in scenario == "all" ? AllRuns : [scenario])
        {
            await runs[run]();
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
