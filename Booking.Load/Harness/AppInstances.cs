using System.Diagnostics;

namespace Booking.Load.Harness;

/// <summary>
/// One or more Booking.Web processes on one database, each on its own loopback port with the same options, and a
/// FHIR client for each. They share nothing but the database: no memory, no keys folder, no in-process gate.
/// </summary>
public sealed class AppInstances : IAsyncDisposable
{
    private readonly List<AppProcess> _processes;
    private readonly List<HttpClient> _http;

    private AppInstances(List<AppProcess> processes)
    {
        _processes = processes;
        _http = processes.Select(p => FhirWire.CreateHttp(p.BaseAddress)).ToList();
    }

    /// <summary>The processes, in the order they were started.</summary>
    public IReadOnlyList<AppProcess> Processes => _processes;

    /// <summary>A FHIR client per process, in the same order (each with that process's base address).</summary>
    public IReadOnlyList<HttpClient> Http => _http;

    /// <summary>
    /// Starts <paramref name="count"/> processes one after another, each healthy before the next starts, as a rolling
    /// deployment brings them up: the first makes what instances share on an empty database (the Data Protection
    /// keys, the token signing key, the demo staff) and the others read it, rather than racing to make their own.
    /// </summary>
    /// <remarks>
    /// A Development clock (<c>Booking:FixedNow</c>) starts at its setting when its process starts, so a process
    /// started 20 s after the first would run 20 s behind it, and a token the first issued would not yet be valid
    /// there (tokens are checked with no clock skew). Each later process is therefore started at the first's
    /// practice time, in whole seconds (the setting's precision) less one: it runs one to two seconds behind the first
    /// (spawning a process and its clock starting take about as long each time), as loosely as servers kept in step by
    /// NTP, and a token it issues is valid on the first at once.
    /// </remarks>
    public static async Task<AppInstances> StartAsync(AppOptions options, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var processes = new List<AppProcess>();
        var sinceFirstStarted = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var behindFirst = Math.Max(0, (long)sinceFirstStarted.Elapsed.TotalSeconds - 1);
                var started = i == 0 ? options : options with { PracticeNow = options.PracticeNow?.PlusSeconds(behindFirst) };
                processes.Add(await AppProcess.StartAsync(started));
            }
        }
        catch
        {
            foreach (var started in processes)
            {
                await started.DisposeAsync();
            }

            throw;
        }

        return new AppInstances(processes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
