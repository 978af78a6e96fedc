using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    private readonly TempDatabase _database = new();

    public TempDatabase Database => _database;

    /// <summary>A Monday morning outside any clock change or bank holiday (practice time).</summary>
    public static readonly LocalDateTime DefaultNow = new(2026, 11, 23, 9, 0);

    public FakeClock Clock { get; } = TestClock.At(DefaultNow, DateTimeZoneProviders.Tzdb["Europe/London"]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Booking", _database.ConnectionString);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
