using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Booking.Data.Storage;
using NodaTime;
using NodaTime.Text;

namespace Booking.Load.Harness;

/// <summary>How to start Booking.Web for a run: which database, which practice time, which extra settings.</summary>
/// <param name="ConnectionString">The database the app uses, of <see cref="Provider"/>.</param>
/// <param name="PracticeNow">Development only: the practice-local time the app's clock starts at (<c>Booking:FixedNow</c>).</param>
/// <param name="Settings">Extra configuration as environment variables (<c>Fhir__RateLimit__RequestsPerMinute</c>, ...).</param>
public sealed record AppOptions(string ConnectionString, LocalDateTime? PracticeNow = null, IReadOnlyDictionary<string, string>? Settings = null)
{
    /// <summary>The per-client FHIR rate limit a load run sets, so the limiter does not answer in the app's place.</summary>
    public const string UnlimitedRate = "10000000";

    /// <summary>The app's environment: Development (the demo seeder fills an empty database) unless a run says otherwise.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>The provider of <see cref="ConnectionString"/> (<c>Database:Provider</c>).</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
}

/// <summary>
/// The built Booking.Web executable as its own process on a free loopback port, in Development unless the options
/// say otherwise (the demo seeder only fills an empty database). Given a <c>.dll</c> (a published app), it runs it as
/// <c>dotnet Booking.Web.dll</c>. <see cref="KillAsync"/> ends it with SIGKILL: no shutdown code runs, as in a crash.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    // A first start migrates and seeds six weeks of demo history (with a row per held slot), which takes well under a
    // minute on a quiet 2-core machine but has passed 90 s while other test processes share the cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<AppProcess> StartAsync(AppOptions options, string? executable = null)
    {
        executable ??= WebExecutable.Find();
        var port = FreeLoopbackPort();
        var urls = new[] { "--urls", $"http://127.0.0.1:{port}" };
        var start = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo("dotnet", [executable, .. urls])
            : new ProcessStartInfo(executable, urls);
        start.WorkingDirectory = Path.GetDirectoryName(executable)!;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = options.Environment;
        start.Environment["ConnectionStrings__Booking"] = options.ConnectionString;
        start.Environment["Database__Provider"] = options.Provider.ToString();
        if (options.PracticeNow is { } now)
        {
            start.Environment["Booking__FixedNow"] = LocalDateTimePattern.GeneralIso.Format(now);
        }

        foreach (var (name, value) in options.Settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>SIGKILL, as a power cut or the OOM killer would: no graceful shutdown, no flushing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>The app's resident memory now, in bytes.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>The CPU time the app has used so far, user and kernel, over all its threads.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Set to a folder to keep each app process's log there (booking-web-{port}.log) when it ends.</summary>
    public const string LogFolderVariable = "BOOKING_LOAD_APP_LOGS";

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (Environment.GetEnvironmentVariable(LogFolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"booking-web-{BaseAddress.Port}.log"), Output);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Booking.Web exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            await Task.Delay(250);
        }

        await KillAsync();
        throw new TimeoutException($"Booking.Web was not healthy within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where Booking.Web's executable is: built beside the calling project (same configuration, framework and RID folders).</summary>
public static class WebExecutable
{
    /// <summary>Set to use another build of the app.</summary>
    public const string OverrideVariable = "BOOKING_WEB_EXECUTABLE";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : throw new FileNotFoundException($"{OverrideVariable} names no file.", chosen);
        }

        // <repo>/<Project>/bin/<Configuration>/<tfm>/<rid>/ becomes <repo>/Booking.Web/bin/<Configuration>/<tfm>/<rid>/.
        var output = AppContext.BaseDirectory;
        var bin = $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";
        var at = output.LastIndexOf(bin, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"Cannot locate Booking.Web from {output}.");
        }

        var project = output[..at];
        var webOutput = Path.Combine(Path.GetDirectoryName(project)!, "Booking.Web", "bin", output[(at + bin.Length)..]);
        var executable = Path.Combine(webOutput, OperatingSystem.IsWindows() ? "Booking.Web.exe" : "Booking.Web");
        return File.Exists(executable)
            ? executable
            : throw new FileNotFoundException("Build the solution first: Booking.Web's executable is missing.", executable);
    }
}
