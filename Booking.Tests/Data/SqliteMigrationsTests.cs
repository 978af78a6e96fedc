using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Data.Identity;
using Booking.Data.Sqlite;
using Booking.Tests.TestSupport;
using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// Upgrading database files made before migrations were generated: built from the fixture script of the hand-written
/// migrations (not their C# classes, which are gone), filled by today's stores, then upgraded by the app's start-up.
/// </summary>
[Trait("Provider", TempDatabase.SqliteOnly)]
public sealed class SqliteMigrationsTests(SqliteMigrationsTests.UpgradedDatabase upgraded) : IClassFixture<SqliteMigrationsTests.UpgradedDatabase>
{
    // The data tests' practice clock (Friday 29 May 2026, 09:00 London), through TestPractice so the test does not
    // depend on which fake clock type the test project uses.
    private static readonly LocalDate Today = PracticeTime.Today(TestPractice.Clock());

    /// <summary>How an upgraded appointment row ends: the columns the KeepSupportingInformation migration adds, empty.</summary>
    private const string NoSupportingInformation = " | Comment=NULL | Description=NULL";

    [Fact]
    public void MigrateAsync_DatabaseMadeByTheHandWrittenMigrations_KeepsEveryRowAndEndsWithTheSchemaOfANewDatabase()
    {
        var (before, after) = (upgraded.RowsBefore, upgraded.RowsAfter);
        before["Appointments"].Should().HaveCountGreaterThan(1_000, "the demo history and the new bookings are in the file");
        before.Where(table => table.Key != "sqlite_sequence").Should().OnlyContain(table => table.Value.Count > 0,
            "every table holds rows to keep, or the test would prove nothing for it");

        after.Keys.Except(["AppointmentSlots", "BookingRefusalCounts", "ChangeNotices", "ChannelPauses", "DataProtectionKeys", "RateLimitWindows", "TokenSigningKeys", "UsedClientAssertions", "WriteLock"]).Should().Equal(before.Keys);
        after["TokenSigningKeys"].Should().BeEmpty("the app makes its signing key when it starts, not the migration");
        after["UsedClientAssertions"].Should().BeEmpty();
        after["ChangeNotices"].Should().BeEmpty("changes are noticed from the upgrade on");
        after["RateLimitWindows"].Should().BeEmpty();
        after["BookingRefusalCounts"].Should().BeEmpty("no refusal was counted before the table existed");
        after["ChannelPauses"].Should().BeEmpty("no channel was paused before the table existed");
        after["DataProtectionKeys"].Should().BeEmpty("a SQLite database keeps its keys in a folder beside the file");
        after["WriteLock"].Should().ContainSingle("the one lock row every server write takes is laid down by its migration");
        after["AppointmentSlots"].Should().HaveCount(before["Appointments"].Count, "the upgrade gives every appointment the row of its one slot");
        foreach (var (table, rows) in before)
        {
            // The new table's own counter is the one row sqlite_sequence gains.
            // Appointments gain the two columns for the booking's supporting information, empty for every old row.
            var kept = table switch
            {
                "sqlite_sequence" => after[table].Where(row => !row.StartsWith("name=TEXT:AppointmentSlots |", StringComparison.Ordinal)).ToList(),
                "Appointments" => after[table].Select(row => row.EndsWith(NoSupportingInformation, StringComparison.Ordinal) ? row[..^NoSupportingInformation.Length] : row).ToList(),
                _ => after[table],
            };
            kept.Should().HaveCount(rows.Count, $"{table} keeps its row count");
            // The first row that differs, if any (a whole-list assertion would print thousands of rows).
            kept.Zip(rows).FirstOrDefault(pair => pair.First != pair.Second)
                .Should().Be(default((string, string)), $"{table} keeps every row as it was");
        }

        upgraded.MasterAfter.Should().Equal(SqliteSchema.Master(upgraded.Fresh.ConnectionString),
            "an upgraded database has exactly the schema, EF's own tables included, of a new one");
        upgraded.DescribedAfter.Should().Equal(SqliteSchema.Describe(upgraded.Fresh.ConnectionString));
        upgraded.HistoryAfter.Should().Equal(History(upgraded.Fresh), "the hand-written ids are replaced by the baseline, as a new database records it");
    }

    [Fact]
    public async Task MigrateAsync_UpgradedDatabase_WorksAsBeforeAndUpgradesNoFurther()
    {
        var app = upgraded.App;
        var legacy = upgraded.Legacy;
        var rows = SqliteSchema.Rows(legacy.ConnectionString, withMigrationTables: true);

        await DatabaseStartup.MigrateAsync(app);

        SqliteSchema.Rows(legacy.ConnectionString, withMigrationTables: true).Should().BeEquivalentTo(rows, "a second start changes nothing");
        await using (var db = legacy.CreateContext())
        {
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }

        using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var manager = await users.FindByEmailAsync(DemoSeeder.Logins[0].Email);
        (await users.CheckPasswordAsync(manager!, DemoSeeder.Logins[0].Password)).Should().BeTrue("staff sign in with their old passwords");
        (await users.IsInRoleAsync(manager!, DemoSeeder.Logins[0].Role)).Should().BeTrue();
        var booked = await BookNextMondayAsync(app, patient: 900);
        booked.Succeeded.Should().BeTrue(booked.Message);
    }

    [Fact]
    public async Task MigrateAsync_HandWrittenHistoryButAnotherSchema_IsRefusedAndChangesNothing()
    {
        using var legacy = new TempDatabase("legacy");
        await HandWrittenMigrationsDatabase.CreateAsync(legacy.ConnectionString);
        await HandWrittenMigrationsDatabase.ExecuteAsync(legacy.ConnectionString, """
            DROP INDEX "IX_Closures_Date";
            INSERT INTO AuditEntries (At, ActorKind, Actor, Action, SubjectType, SubjectId) VALUES ('2026-11-21 12:00:00', 'System', 'demo-seed', 'x', 'y', 'z');
            """);
        var before = (SqliteSchema.Master(legacy.ConnectionString), SqliteSchema.Rows(legacy.ConnectionString, withMigrationTables: true));

        var upgrade = () => legacy.MigrateAsync();

        (await upgrade.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*hand-written migrations' history but not the schema*expected index IX_Closures_Date*Nothing in it was changed*");
        (SqliteSchema.Master(legacy.ConnectionString), SqliteSchema.Rows(legacy.ConnectionString, withMigrationTables: true))
            .Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task MigrateAsync_OnlyTheFirstHandWrittenMigration_IsRefusedAndChangesNothing()
    {
        using var legacy = new TempDatabase("legacy");
        await HandWrittenMigrationsDatabase.CreateAsync(legacy.ConnectionString);
        await HandWrittenMigrationsDatabase.ExecuteAsync(legacy.ConnectionString,
            "DELETE FROM __EFMigrationsHistory WHERE MigrationId = '20261122090000_PracticeAndAppointments';");
        var before = SqliteSchema.Master(legacy.ConnectionString);

        var upgrade = () => legacy.MigrateAsync();

        (await upgrade.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*migration history (20261121120000_InitialCreate) is neither that of the hand-written migrations*");
        SqliteSchema.Master(legacy.ConnectionString).Should().Equal(before);
        History(legacy).Should().Equal("20261121120000_InitialCreate 10.0.15");
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfANewerVersion_IsRefused()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        await HandWrittenMigrationsDatabase.ExecuteAsync(database.ConnectionString,
            "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231235959_FromTheFuture', '10.0.15');");

        var upgrade = () => database.MigrateAsync();

        (await upgrade.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*made by a newer version of Booking (migration 29991231235959_FromTheFuture)*");
    }

    [Fact]
    public async Task MigrateAsync_TablesWithoutAMigrationHistory_AreRefusedAndLeftAlone()
    {
        using var database = new TempDatabase();
        await HandWrittenMigrationsDatabase.ExecuteAsync(database.ConnectionString, "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT);");

        var upgrade = () => database.MigrateAsync();

        (await upgrade.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*has tables but no migration history*");
        SqliteSchema.Master(database.ConnectionString).Should().ContainSingle().Which.Should().StartWith("table Notes");
    }

    [Theory]
    [InlineData("", SqliteMigrations.HistoryKind.Empty)]
    [InlineData("20261121120000_InitialCreate 20261122090000_PracticeAndAppointments", SqliteMigrations.HistoryKind.HandWritten)]
    [InlineData("B", SqliteMigrations.HistoryKind.Generated)]
    [InlineData("B C", SqliteMigrations.HistoryKind.Generated)]
    [InlineData("C", SqliteMigrations.HistoryKind.Unknown)]
    [InlineData("B D", SqliteMigrations.HistoryKind.Unknown)]
    [InlineData("20261121120000_InitialCreate", SqliteMigrations.HistoryKind.Unknown)]
    [InlineData("20261121120000_InitialCreate 20261122090000_PracticeAndAppointments B", SqliteMigrations.HistoryKind.Unknown)]
    public void Classify_History_SaysWhatMigratingMayDo(string applied, SqliteMigrations.HistoryKind expected)
    {
        SqliteMigrations.Classify(applied.Split(' ', StringSplitOptions.RemoveEmptyEntries), ["B", "C"]).Should().Be(expected);
    }

    /// <summary>The app's own services on the file: the stores, Identity with the app's options, the fixed clock.</summary>
    private static ServiceProvider AppServices(TempDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClock>(TestPractice.Clock());
        services.AddDbContextFactory<BookingDbContext>(options => options.UseBookingSqlite(database.ConnectionString));
        services.AddBookingStores();
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<BookingDbContext>();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Fills the old file as a practice running today's main would have: the Development demo seed (practice, rota,
    /// rules, past appointments with outcomes, staff with roles, audit), bookings for next Monday with one cancelled, an
    /// API client, a one-off session, a cancelled session and leave, and rows in Identity's side tables.
    /// </summary>
    private static async Task FillAsync(IServiceProvider app)
    {
        // Today's code writes every appointment's slots to AppointmentSlots, and its description and comment, which the old
        // schema has not got: the table and columns stand in while the file is filled and go before the upgrade, so the
        // upgrade finds the old schema exactly and must give each appointment its slot row and the columns itself. The
        // configuration also reads ChannelPauses (empty here), which the upgrade creates. Every change records a ChangeNotices
        // row for other instances; the upgrade creates that table empty.
        string connectionString;
        await using (var db = await app.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        await HandWrittenMigrationsDatabase.ExecuteAsync(connectionString, """
            CREATE TABLE "AppointmentSlots" ("Id" INTEGER PRIMARY KEY, "AppointmentId" TEXT, "Position" INTEGER, "SlotId" TEXT,
                "SessionKind" TEXT, "SessionId" INTEGER, "SlotDate" TEXT, "StartsAt" TEXT, "EndsAt" TEXT, "LocalStart" TEXT,
                "LocalEnd" TEXT, "Status" TEXT);
            CREATE TABLE "ChannelPauses" ("Id" INTEGER PRIMARY KEY, "Channel" TEXT, "FirstDay" TEXT, "LastDay" TEXT, "Reason" TEXT,
                "PausedAt" TEXT, "LiftedAt" TEXT, "Version" INTEGER);
            CREATE TABLE "ChangeNotices" ("Id" INTEGER PRIMARY KEY, "Instance" TEXT, "Kind" TEXT, "AppointmentId" TEXT, "Action" TEXT,
                "Dates" TEXT, "Slots" TEXT, "ConfigurationVersion" INTEGER, "WrittenAt" TEXT);
            ALTER TABLE "Appointments" ADD COLUMN "Description" TEXT;
            ALTER TABLE "Appointments" ADD COLUMN "Comment" TEXT;
            """);
        await FillWithTodaysCodeAsync(app);
        await HandWrittenMigrationsDatabase.ExecuteAsync(connectionString, """
            DROP TABLE "AppointmentSlots";
            DROP TABLE "ChannelPauses";
            DROP TABLE "ChangeNotices";
            ALTER TABLE "Appointments" DROP COLUMN "Description";
            ALTER TABLE "Appointments" DROP COLUMN "Comment";
            """);
    }

    private static async Task FillWithTodaysCodeAsync(IServiceProvider app)
    {
        await DemoSeeder.SeedAsync(app);
        var bookings = app.GetRequiredService<BookingService>();
        var first = await BookNextMondayAsync(app, patient: 0);
        first.Succeeded.Should().BeTrue(first.Message);
        (await BookNextMondayAsync(app, patient: 1)).Succeeded.Should().BeTrue();
        (await bookings.CancelAsync(first.Appointment!.Appointment.Id, CancellationReason.PatientRequest, "Feeling better", DataStores.Receptionist))
            .Succeeded.Should().BeTrue();

        var store = app.GetRequiredService<ConfigurationStore>();
        const string jwks = """{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1"}]}""";
        Require(await store.RegisterApiClientAsync(new ApiClientRegistration(
            "nhs111-test", "NHS 111 (test)", OdsCode.Parse("NHS111"), ChannelKind.Organisation, "urgent-care", ["slot.read", "appointment.write"], jwks),
            DataStores.Receptionist));

        // Rota edits the demo seed does not make, through the store as the rota pages make them.
        var dbFactory = app.GetRequiredService<IDbContextFactory<BookingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var gp = await db.Practitioners.OrderBy(p => p.Id).FirstAsync(p => p.Role == PractitionerRole.Gp);
        var gpService = await db.Services.OrderBy(s => s.Id).FirstAsync(s => s.Name == "GP appointment");
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        var template = await db.SessionTemplates.OrderBy(t => t.Id).FirstAsync();
        var saturday = Today.Next(IsoDayOfWeek.Saturday);
        Require(await store.AddOneOffSessionAsync(gp.Id, site.Id, saturday,
            SessionLayout.Uniform(LocalTimeRange.Parse("09:00-10:00"), gpService.Id, SlotLength.FromMinutes(10)), DataStores.Receptionist));
        Require(await store.CancelSessionOnAsync(template.Id, Today.PlusWeeks(2).Next(template.DayOfWeek), "Training", DataStores.Receptionist));
        Require(await store.AddLeaveAsync(gp.Id, new DateInterval(Today.PlusWeeks(3), Today.PlusWeeks(3).PlusDays(4)), DataStores.Receptionist));

        // Identity's side tables the app does not write (and a token beside the authenticator keys it does), through raw SQL in Identity's columns.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO AspNetRoleClaims (RoleId, ClaimType, ClaimValue) SELECT MIN(Id), 'permission', 'reports' FROM AspNetRoles;
            INSERT INTO AspNetUserClaims (UserId, ClaimType, ClaimValue) SELECT MIN(Id), 'team', 'front desk' FROM AspNetUsers;
            INSERT INTO AspNetUserLogins (LoginProvider, ProviderKey, ProviderDisplayName, UserId) SELECT 'nhs-login', 'key-1', 'NHS login', MIN(Id) FROM AspNetUsers;
            INSERT INTO AspNetUserTokens (UserId, LoginProvider, Name, Value) SELECT MIN(Id), 'nhs-login', 'refresh_token', 'opaque-token-1' FROM AspNetUsers;
            """);
    }

    private static void Require<T>(ConfigurationResult<T> result) =>
        result.Succeeded.Should().BeTrue(result.Message);

    private static async Task<BookingOutcome> BookNextMondayAsync(IServiceProvider app, int patient)
    {
        var monday = Today.Next(IsoDayOfWeek.Monday);
        var availability = await app.GetRequiredService<BookingQueries>()
            .GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(monday, monday));
        var slot = availability.Offered[patient % availability.Offered.Count];
        return await app.GetRequiredService<BookingService>()
            .BookAsync(new NewBooking(slot.Id, DataStores.PatientDetails(patient), Channel.Reception), DataStores.Receptionist);
    }

    private static IReadOnlyList<string> History(TempDatabase database) =>
        SqliteSchema.Rows(database.ConnectionString, withMigrationTables: true)["__EFMigrationsHistory"]
            .Select(row => row.Replace("MigrationId=TEXT:", "", StringComparison.Ordinal).Replace(" | ProductVersion=TEXT:", " ", StringComparison.Ordinal))
            .ToList();

    /// <summary>
    /// One old file, filled and then upgraded by <see cref="DatabaseStartup.MigrateAsync"/>, shared by the tests above
    /// (filling takes seconds): its rows before, and its rows and schema right after the upgrade, before any test
    /// writes; and a new database migrated from empty to compare it with.
    /// </summary>
    public sealed class UpgradedDatabase : IAsyncLifetime
    {
        public TempDatabase Legacy { get; } = new("legacy");

        public TempDatabase Fresh { get; } = new("fresh");

        public ServiceProvider App { get; private set; } = null!;

        public IReadOnlyDictionary<string, IReadOnlyList<string>> RowsBefore { get; private set; } = null!;

        public IReadOnlyDictionary<string, IReadOnlyList<string>> RowsAfter { get; private set; } = null!;

        public IReadOnlyList<string> MasterAfter { get; private set; } = null!;

        public IReadOnlyList<string> DescribedAfter { get; private set; } = null!;

        public IReadOnlyList<string> HistoryAfter { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await HandWrittenMigrationsDatabase.CreateAsync(Legacy.ConnectionString);
            App = AppServices(Legacy);
            await FillAsync(App);
            RowsBefore = SqliteSchema.Rows(Legacy.ConnectionString);

            await DatabaseStartup.MigrateAsync(App);

            RowsAfter = SqliteSchema.Rows(Legacy.ConnectionString);
            MasterAfter = SqliteSchema.Master(Legacy.ConnectionString);
            DescribedAfter = SqliteSchema.Describe(Legacy.ConnectionString);
            HistoryAfter = History(Legacy);
            await Fresh.MigrateAsync();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            Legacy.Dispose();
            Fresh.Dispose();
        }
    }
}
