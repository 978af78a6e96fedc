using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>
/// The real app, in-process, on its own SQLite file, in Development so the demo practice and logins are seeded.
/// Its clock is <see cref="Clock"/>: it starts at <see cref="DefaultNow"/> whatever the day the suite runs, and a test
/// may move it before the first request (the demo rota and every rule are laid out from it).
/// </summary>
public class BookingWebFactory : WebApplicationFactory<Program>
{
    /// <summary>A Monday morning outside any clock change or bank holiday (practice time).</summary>
    public static readonly LocalDateTime DefaultNow = new(2026, 11, 23, 9, 0);

    private readonly TempDatabase _database = new();

    public TempDatabase Database => _database;

    public FakeClock Clock { get; } = TestClock.At(DefaultNow, DateTimeZoneProviders.Tzdb["Europe/London"]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Booking", _database.ConnectionString);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var seededAt = Clock.GetCurrentInstant();
        var template = SeededTemplates.Find(seededAt);

        // A second host on this factory's database (WithWebHostBuilder, as a second app instance) starts from the file the first made.
        if (template is not null && !File.Exists(_database.FilePath))
        {
            File.Copy(template, _database.FilePath);
        }

        // Starting the host runs the app's start-up: migrate, then seed the demo practice unless the file has one.
        var host = base.CreateHost(builder);
        if (template is null)
        {
            SeededTemplates.Keep(seededAt, _database.ConnectionString);
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    /// <summary>
    /// Seeding the demo practice with its weeks of history takes seconds, and it is deterministic (a fixed random
    /// seed and the clock), so every app whose clock starts at the same instant would write the same rows. The first
    /// app's freshly seeded file is copied (before any request reaches it) and later apps start from that copy,
    /// which the app's start-up then finds migrated and seeded.
    /// </summary>
    private static class SeededTemplates
    {
        private static readonly string Folder = Path.Combine(Path.GetTempPath(), "booking-tests", $"seeded-{Environment.ProcessId}");
        private static readonly ConcurrentDictionary<Instant, string> Files = new();

        static SeededTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder();

        public static string? Find(Instant seededAt) => Files.GetValueOrDefault(seededAt);

        public static void Keep(Instant seededAt, string connectionString)
        {
            Directory.CreateDirectory(Folder);
            var file = Path.Combine(Folder, $"{seededAt.ToUnixTimeTicks()}-{Guid.NewGuid():N}.db");
            using (var connection = new SqliteConnection(connectionString))
            {
                connection.Open();
                using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", file);
                vacuum.ExecuteNonQuery();
            }

            Files.TryAdd(seededAt, file);
        }

        private static void DeleteFolder()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean with the rest of the temp folder.
            }
        }
    }
}
