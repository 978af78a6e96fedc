using Booking.Core.Appointments;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Instances;
using Booking.Data.Reporting;
using Booking.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.Data;

/// <summary>The data layer's stores over a migrated SQLite file in a temp folder, with a clock the test moves.</summary>
internal sealed class DataStores : IDisposable
{
    public static readonly ActingParty Receptionist = ActingParty.Staff("user-1", "Sam Taylor");

    /// <summary>Lays down a test's practice and history, which may start before today (as the demo seed does).</summary>
    public static readonly ActingParty Setup = ActingParty.System("test-setup");

    private DataStores(TempDatabase database, FakeClock clock)
    {
        Database = database;
        Clock = clock;
        Factory = database.CreateFactory();
        Configuration = new PracticeConfigurationProvider(Factory, clock);
        Refusals = new BookingRefusalTally(Factory, NullLogger<BookingRefusalTally>.Instance);
        Booking = new BookingService(Factory, Configuration, Changes, Refusals, clock, NullLogger<BookingService>.Instance);
        Queries = new BookingQueries(Factory, Configuration, clock);
        Store = new ConfigurationStore(Factory, clock, ConfigurationChanges, NullLogger<ConfigurationStore>.Instance);
        Index = new AvailabilityIndex(Factory, Configuration, Queries, Changes, ConfigurationChanges, clock);
        Relay = new ChangeNoticeRelay(Factory, Changes, ConfigurationChanges, clock, NullLogger<ChangeNoticeRelay>.Instance);
    }

    public TempDatabase Database { get; }

    public FakeClock Clock { get; }

    public IDbContextFactory<BookingDbContext> Factory { get; }

    public PracticeConfigurationProvider Configuration { get; }

    /// <summary>The feed <see cref="Booking"/> publishes committed changes to.</summary>
    public AppointmentChangeFeed Changes { get; } = new(NullLogger<AppointmentChangeFeed>.Instance);

    /// <summary>The feed <see cref="Store"/> publishes committed configuration changes to.</summary>
    public ConfigurationChangeFeed ConfigurationChanges { get; } = new(NullLogger<ConfigurationChangeFeed>.Instance);

    /// <summary>The refused-attempt counts <see cref="Booking"/> keeps for the reports.</summary>
    public BookingRefusalTally Refusals { get; }

    public BookingService Booking { get; }

    public BookingQueries Queries { get; }

    public ConfigurationStore Store { get; }

    /// <summary>The availability index over <see cref="Booking"/>'s and <see cref="Store"/>'s change feeds, as the app registers it.</summary>
    public AvailabilityIndex Index { get; }

    /// <summary>Passes on to <see cref="Changes"/> and <see cref="ConfigurationChanges"/> what other instances committed; a test polls it.</summary>
    public ChangeNoticeRelay Relay { get; }

    public static async Task<DataStores> CreateAsync(FakeClock clock)
    {
        var database = new TempDatabase();
        await database.MigrateAsync();
        var stores = new DataStores(database, clock);
        await stores.Relay.StartListeningAsync();
        return stores;
    }

    /// <summary>
    /// A booking service of its own (own cache, own feed, another instance id), as a second app instance on the same
    /// database would have: what it commits reaches this instance's feeds only through <see cref="Relay"/>.
    /// </summary>
    public BookingService SecondBookingService() =>
        new(Factory, new PracticeConfigurationProvider(Factory, Clock), new AppointmentChangeFeed(NullLogger<AppointmentChangeFeed>.Instance, new AppInstance()),
            new BookingRefusalTally(Factory, NullLogger<BookingRefusalTally>.Instance), Clock, NullLogger<BookingService>.Instance);

    public async Task<int> CountAsync<T>(Func<BookingDbContext, IQueryable<T>> query)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await query(db).CountAsync();
    }

    public void Dispose()
    {
        Relay.Dispose();
        Database.Dispose();
    }

    /// <summary>The <paramref name="index"/>th of a run of valid NHS numbers (modulus 11 holds), for many distinct patients.</summary>
    public static NhsNumber Patient(int index)
    {
        for (var candidate = 100_000_000 + (index * 13); ; candidate++)
        {
            var firstNine = candidate.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(firstNine) is { } check)
            {
                return NhsNumber.Parse(firstNine + check.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public static PatientDetails PatientDetails(int index) =>
        new(Patient(index), $"Patient {index}", new LocalDate(1970, 1, 1).PlusDays(index), "07700 900000");
}
