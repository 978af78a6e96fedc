using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Booking.Tests.TestSupport;

/// <summary>
/// The built Booking.Web executable, started as its own process on a free loopback port with a fresh
/// SQLite file in Development (so the demo practice is seeded), and killed when disposed. With a practice-local
/// start time, the app's clock starts there (the Development-only <c>Booking:FixedNow</c> setting) and runs on.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TempDatabase _database;

    private RunningApp(Process process, Uri baseAddress, TempDatabase database)
    {
        _process = process;
        BaseAddress = baseAddress;
        _database = database;
    }

    public Uri BaseAddress { get; }

    public TempDatabase Database => _database;

    public static async Task<RunningApp> StartAsync(LocalDateTime? practiceNow = null)
    {
        var executable = FindWebExecutable();
        var port = FreeLoopbackPort();
        var database = new TempDatabase();
        var start = new ProcessStartInfo(executable, ["--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Booking"] = database.ConnectionString;
        if (practiceNow is { } now)
        {
            start.Environment["Booking__FixedNow"] = LocalDateTimePattern.GeneralIso.Format(now);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}"), database);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _database.Dispose();

        // Kept beside the test results so a failed journey can be read with the server's side of it.
        var logs = Path.Combine(AppContext.BaseDirectory, "logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, $"booking-web-{BaseAddress.Port}.log"), Output);
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

        await DisposeAsync();
        throw new TimeoutException($"Booking.Web was not healthy within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    // The test project builds Booking.Web beside itself: same configuration, framework and RID folders.
    public static string FindWebExecutable()
    {
        var testsOutput = AppContext.BaseDirectory;
        var marker = $"{Path.DirectorySeparatorChar}Booking.Tests{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";
        var at = testsOutput.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"Cannot locate Booking.Web from {testsOutput}.");
        }

        var webOutput = testsOutput[..at] + marker.Replace("Booking.Tests", "Booking.Web") + testsOutput[(at + marker.Length)..];
        var executable = Path.Combine(webOutput, OperatingSystem.IsWindows() ? "Booking.Web.exe" : "Booking.Web");
        return File.Exists(executable)
            ? executable
            : throw new FileNotFoundException("Build the solution first: Booking.Web's executable is missing.", executable);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One running app process shared by a test class.</summary>
public sealed class RunningAppFixture : Xunit.IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
