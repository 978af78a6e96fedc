using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Load.Harness;
using Booking.Load.Practices;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>What wrk measured against one URL.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests, long Errors)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond:0.0} req/s, p50 {P50Milliseconds:0.0} ms, p99 {P99Milliseconds:0.0} ms, {Requests} requests, {Errors} non-2xx or socket errors");
}

/// <summary>One measured query: the search, the same-size static file, and what one search returns.</summary>
public sealed record SearchResult(string Query, WrkResult Search, WrkResult Static, int Slots, int Entries, int Bytes)
{
    public double RatioToStatic => Static.RequestsPerSecond == 0 ? 0 : Search.RequestsPerSecond / Static.RequestsPerSecond;
}

/// <summary>
/// Slot search throughput (issues 7 and 14): queries against <see cref="LargePractice"/> by a patient-app (online)
/// client, measured with wrk (Debian's package) against the app on loopback; after each, the same wrk settings against
/// a file of exactly the size of that query's answer, served by the same app in the same run (<c>/load-ceiling</c>,
/// Development only): the fastest this app and machine can send those bytes.
/// </summary>
public static partial class SearchScenario
{
    public const string Includes =
        "_include=Slot:schedule&_include:iterate=Schedule:actor:Practitioner&_include:iterate=Schedule:actor:PractitionerRole" +
        "&_include:iterate=Schedule:actor:Location&_include:iterate=Schedule:actor:HealthcareService" +
        "&_include:iterate=HealthcareService:providedBy&_include:iterate=Location:managingOrganization";

    private static string Window =>
        $"status=free&start=ge{LargePractice.SearchFrom:yyyy-MM-dd}&start=le{LargePractice.SearchFrom.PlusDays(13):yyyy-MM-dd}";

    /// <summary>What a patient app sends first: the fortnight, a page of 50 with each slot's schedule.</summary>
    public static string PagedQuery => $"/fhir/Slot?{Window}&_include=Slot:schedule&_count=50";

    /// <summary>What a directory or hub sends: the whole fortnight with every include.</summary>
    public static string FortnightQuery => $"/fhir/Slot?{Window}&{Includes}";

    /// <summary>The queries a run measures when it is not given any.</summary>
    public static IReadOnlyList<string> DefaultQueries => [PagedQuery, FortnightQuery];

    /// <summary>Why <paramref name="query"/> cannot be measured (it must be a path under <c>/fhir/</c>); null when it can.</summary>
    public static string? Problem(string query) =>
        query.StartsWith("/fhir/", StringComparison.Ordinal) && Uri.IsWellFormedUriString(query, UriKind.Relative)
            ? null
            : $"--query {query}: give a path and query under /fhir/, e.g. {PagedQuery}";

    public static async Task<IReadOnlyList<SearchResult>> RunAsync(
        IReadOnlyList<string> queries, int seconds, int connections, CancellationToken cancellationToken = default)
    {
        using var database = new LoadDatabase();
        await database.MigrateAsync();
        await LargePractice.SeedAsync(database.Factory, cancellationToken);
        var ceilingFolder = Directory.CreateTempSubdirectory("booking-load-ceiling-");
        try
        {
            var now = LargePractice.SearchFrom.At(new LocalTime(7, 30));
            var settings = new Dictionary<string, string>(LoadSettings.ForApp) { ["Booking__LoadCeilingFolder"] = ceilingFolder.FullName };
            await using var app = await AppProcess.StartAsync(database.AppOptions(now, settings));
            using var consumer = await FhirConsumer.RegisterAsync(database, "load-search-online", ChannelKind.Online, null, RunningClock.At(now, PracticeTime.Zone));
            using var http = FhirWire.CreateHttp(app.BaseAddress);
            await consumer.RefreshTokenAsync(http);

            var results = new List<SearchResult>();
            foreach (var (query, index) in queries.Select((q, i) => (q, i)))
            {
                // One search first: it must work, and its answer is the size the ceiling file is made.
                using var request = consumer.Request(HttpMethod.Get, query);
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                }

                using var bundle = JsonDocument.Parse(body);
                var entries = bundle.RootElement.TryGetProperty("entry", out var list) ? list.GetArrayLength() : 0;
                var slots = bundle.RootElement.TryGetProperty("total", out var total) ? total.GetInt32() : entries;
                var ceilingName = $"answer-{index}.json";
                await File.WriteAllBytesAsync(Path.Combine(ceilingFolder.FullName, ceilingName), body, cancellationToken);

                var search = await WrkAsync(new Uri(app.BaseAddress, query), consumer.Token, seconds, connections, cancellationToken);
                var ceiling = await WrkAsync(new Uri(app.BaseAddress, "/load-ceiling/" + ceilingName), null, seconds, connections, cancellationToken);
                results.Add(new SearchResult(query, search, ceiling, slots, entries, body.Length));
            }

            return results;
        }
        finally
        {
            ceilingFolder.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>wrk</c> (two threads, <paramref name="connections"/> connections) and reads its summary.</summary>
    public static async Task<WrkResult> WrkAsync(Uri url, string? token, int seconds, int connections, CancellationToken cancellationToken)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("Load is only ever sent to loopback.", nameof(url));
        }

        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "30s" };
        if (token is not null)
        {
            arguments.AddRange(["-H", "Authorization: Bearer " + token, "-H", "Accept: application/fhir+json"]);
        }

        arguments.Add(url.ToString());
        var start = new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk: install it with apt-get install -y wrk.");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        double Latency(string percentile)
        {
            var match = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!match.Success)
            {
                return double.NaN;
            }

            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        long Count(Regex pattern) => pattern.Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

        var errors = Count(NonSuccess()) + SocketErrors().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var rate = RequestsPerSecond().Match(output) is { Success: true } r ? double.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(rate, Latency("50"), Latency("99"), Count(RequestCount()), errors);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
