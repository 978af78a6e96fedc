using Booking.Load.Harness;
using NodaTime;

namespace Booking.Tests.TestSupport;

/// <summary>
/// The built Booking.Web executable, started as its own process on a free loopback port with a fresh
/// SQLite file in Development (so the demo practice is seeded), and killed when disposed. With a practice-local
/// start time, the app's clock starts there (the Development-only <c>Booking:FixedNow</c> setting) and runs on.
/// The process itself is the load harness's <see cref="AppProcess"/>.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    /// <summary>
    /// Every journey signs in from 127.0.0.1, and a quiet machine runs the accessibility scans at a sign-in a second:
    /// past the 30 a minute one address is allowed, the throttle's refusal page would stand where the next page should
    /// be. The throttle has its own tests (PublicSurfaceTests); here it is set out of the journeys' way.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> SuiteSettings =
        new Dictionary<string, string> { ["Security__SignIn__AttemptsPerMinutePerAddress"] = "10000" };

    private readonly AppProcess _process;
    private readonly bool _ownsDatabase;

    private RunningApp(AppProcess process, TempDatabase database, bool ownsDatabase = true)
    {
        _process = process;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public Uri BaseAddress => _process.BaseAddress;

    public TempDatabase Database { get; }

    public string Output => _process.Output;

    public static async Task<RunningApp> StartAsync(LocalDateTime? practiceNow = null)
    {
        var database = new TempDatabase();
        try
        {
            return new RunningApp(await AppProcess.StartAsync(new AppOptions(database.ConnectionString, practiceNow, SuiteSettings) { Provider = database.Provider }), database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Another app process on this one's database, as a second instance behind a load balancer: nothing shared with it
    /// but the database (and, on SQLite, the Data Protection keys' folder beside the file). Its clock starts at
    /// <paramref name="practiceNow"/> when given (and runs on), else it is the system's. The database stays this app's,
    /// removed with it.
    /// </summary>
    public async Task<RunningApp> StartAnotherInstanceAsync(LocalDateTime? practiceNow = null) =>
        new(await AppProcess.StartAsync(new AppOptions(Database.ConnectionString, practiceNow, SuiteSettings) { Provider = Database.Provider }), Database, ownsDatabase: false);

    /// <summary>Kills the process at once (SIGKILL), keeping the database for an instance started after it.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }

        // Kept beside the test results so a failed journey can be read with the server's side of it.
        var logs = Path.Combine(AppContext.BaseDirectory, "logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, $"booking-web-{BaseAddress.Port}.log"), Output);
    }

    public static string FindWebExecutable() => WebExecutable.Find();
}

/// <summary>One running app process shared by a test class.</summary>
public sealed class RunningAppFixture : Xunit.IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await RunningApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
