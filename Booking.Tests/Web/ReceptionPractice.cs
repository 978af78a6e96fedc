using Booking.Core.Time;
using Booking.Data;
using Booking.Data.Configuration;
using Booking.Data.Seeding;
using Booking.Tests.TestSupport;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.Web;

/// <summary>
/// The demo practice on a fresh SQLite file, seeded on Tuesday 24 November 2026 with the clock at 10:05, and the real
/// stores registered in a bUnit context, so reception components run against real data.
/// </summary>
internal sealed class ReceptionPractice : IAsyncDisposable
{
    public static readonly LocalDateTime Now = new(2026, 11, 24, 10, 5);

    private ReceptionPractice(TempDatabase database, LocalDateTime now)
    {
        Database = database;
        Desk = new DirectBooking(database, now);
    }

    public TempDatabase Database { get; }

    /// <summary>Books and queries with the same clock the components see.</summary>
    public DirectBooking Desk { get; }

    public FakeClock Clock => Desk.Clock;

    public static async Task<ReceptionPractice> CreateAsync()
    {
        var database = new TempDatabase();
        await database.MigrateAsync();
        var practice = new ReceptionPractice(database, Now);
        var factory = database.CreateFactory();
        await DemoPractice.SeedAsync(factory, new ConfigurationStore(factory, practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance), practice.Clock);
        return practice;
    }

    /// <summary>Registers the clock and the stores over this practice's file in <paramref name="context"/>.</summary>
    public void AddTo(BunitContext context)
    {
        context.Services.AddSingleton<IClock>(Clock);
        context.Services.AddSingleton<IDbContextFactory<BookingDbContext>>(Database.CreateFactory());
        context.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        context.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        context.Services.AddBookingStores();
    }

    public LocalDate Today => PracticeTime.Today(Clock);

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        return ValueTask.CompletedTask;
    }
}
