using System.Diagnostics;
using System.Text;
using Xunit;

namespace Booking.Tests.Operations;

/// <summary>
/// Booking.Web as it goes live: <c>dotnet publish -c Release</c> into a temporary folder, once per test class (about a
/// minute; STACK.md: only publish output serves its static files in Production), run as <c>dotnet Booking.Web.dll</c>.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "booking-tests", "published-" + Guid.NewGuid().ToString("N"));

    /// <summary>The published entry assembly, to run with <c>dotnet</c>.</summary>
    public string Dll => Path.Combine(_folder, "Booking.Web.dll");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "Booking.Web", "Booking.Web.csproj");

        // No build servers: nothing of the publish outlives it on a shared 2-core machine.
        var publish = await RunAsync(
            "dotnet", ["publish", project, "-c", "Release", "-o", _folder, "-nologo", "-clp:ErrorsOnly", "--disable-build-servers"], stdin: null, PublishTimeout);
        if (publish.ExitCode != 0 || !File.Exists(Dll))
        {
            throw new InvalidOperationException($"dotnet publish Booking.Web failed ({publish.ExitCode}):\n{publish.Output}\n{publish.Error}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an ending process; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs the published app with <paramref name="args"/> (an operator command) and waits for it to exit.</summary>
    public Task<ProcessRun> RunCommandAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null) =>
        RunAsync("dotnet", [Dll, .. args], stdin, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary>
    /// Runs a process to its end; one still running after <paramref name="timeout"/> is killed and reported with exit
    /// code -1 (for a command that must not become a server, that is the failure).
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string fileName, IEnumerable<string> args, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessRun(-1, Text(output), Text(error) + $"\n(killed after {timeout.TotalSeconds:0} s)");
        }

        // The asynchronous readers finish after the exit; the parameterless wait drains them.
        await process.WaitForExitAsync();
        return new ProcessRun(process.ExitCode, Text(output), Text(error));
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Booking.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Booking.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>How a process ended: its exit code (-1 when it had to be killed) and what it wrote.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error);
