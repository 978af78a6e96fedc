using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Sqlite;
using Booking.Data.Storage;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Booking.Tests.Data;

[Trait("Provider", TempDatabase.SqliteOnly)]
public sealed class BackupTests
{
    private static readonly string[] CountedTables = ["Appointments", "AppointmentStatusChanges", "Patients", "AuditEntries", "SessionTemplates", "ReleaseRules"];

    [Fact]
    public async Task BackupAsync_WhileBookingsAreWritten_RestoresToAConsistentCopyWithTheSameRows()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        var practice = await TestPractice.CreateAsync(stores.Store);
        var slots = Enumerable.Range(0, 8).SelectMany(week => practice.MondaySlots(TestPractice.Monday.PlusWeeks(week))).ToList();
        var backupFile = Path.Combine(stores.Database.Folder, "backups", "booking-backup.db");

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var booked = 0;
            for (var i = 0; i < slots.Count && !stop.IsCancellationRequested; i++)
            {
                var outcome = await stores.Booking.BookAsync(new NewBooking(slots[i], DataStores.PatientDetails(i), Channel.Reception), DataStores.Receptionist);
                booked += outcome.Succeeded ? 1 : 0;
            }

            return booked;
        });
        await WaitUntilAsync(() => stores.CountAsync(db => db.Appointments), atLeast: 20);

        await using (var db = await stores.Factory.CreateDbContextAsync())
        {
            (await SqliteBackup.BackupAsync(db, backupFile)).Succeeded.Should().BeTrue();
        }

        await stop.CancelAsync();
        var bookedInTotal = await writer;
        var backedUp = await CountRowsAsync(ReadOnly(backupFile));
        backedUp["Appointments"].Should().BeGreaterThanOrEqualTo(20).And.BeLessThanOrEqualTo(bookedInTotal);
        backedUp["AppointmentStatusChanges"].Should().Be(backedUp["Appointments"], "each booking and its history entry commit together");

        await using (var db = await stores.Factory.CreateDbContextAsync())
        {
            var restored = await SqliteBackup.RestoreAsync(db, backupFile);
            restored.Succeeded.Should().BeTrue(restored.Message);
        }

        (await CountRowsAsync(stores.Database.ConnectionString)).Should().Equal(backedUp);
        await using (var db = await stores.Factory.CreateDbContextAsync())
        {
            (await SqliteSetup.CheckIntegrityAsync(db)).Should().BeEmpty();
        }

        Directory.GetFiles(stores.Database.Folder, "*.before-restore-*.db").Should().ContainSingle("the replaced database is kept beside it");
    }

    [Fact]
    public async Task RestoreAsync_FileThatIsNotABookingDatabase_IsRefusedAndChangesNothing()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        await TestPractice.CreateAsync(stores.Store);
        var before = await CountRowsAsync(stores.Database.ConnectionString);
        var notes = Path.Combine(stores.Database.Folder, "notes.db");
        await File.WriteAllTextAsync(notes, "not a database");
        var emptyDatabase = Path.Combine(stores.Database.Folder, "empty.db");
        await using (var empty = new SqliteConnection($"Data Source={emptyDatabase};Pooling=False"))
        {
            await empty.OpenAsync();
            await using var command = empty.CreateCommand();
            command.CommandText = "CREATE TABLE Something (Id INTEGER);";
            await command.ExecuteNonQueryAsync();
        }

        await using var db = await stores.Factory.CreateDbContextAsync();
        var fromText = await SqliteBackup.RestoreAsync(db, notes);
        var fromEmpty = await SqliteBackup.RestoreAsync(db, emptyDatabase);

        fromText.Succeeded.Should().BeFalse();
        fromEmpty.Succeeded.Should().BeFalse();
        fromEmpty.Message.Should().Contain("table Appointments is missing");
        (await CountRowsAsync(stores.Database.ConnectionString)).Should().Equal(before);
    }

    [Fact]
    public async Task RestoreAsync_BackupMadeByTheHandWrittenMigrations_IsRestoredAndUpgradedAtTheNextStart()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        using var old = new TempDatabase("old-backup");
        await HandWrittenMigrationsDatabase.CreateAsync(old.ConnectionString);
        await HandWrittenMigrationsDatabase.ExecuteAsync(old.ConnectionString, """
            INSERT INTO AuditEntries (At, ActorKind, Actor, Action, SubjectType, SubjectId, Before, After)
            VALUES ('2026-11-21 12:00:00', 'System', 'demo-seed', 'staff-user.created', 'StaffUser', 'u1', NULL, '{}');
            """);

        await using (var db = await stores.Factory.CreateDbContextAsync())
        {
            var restored = await SqliteBackup.RestoreAsync(db, old.FilePath);
            restored.Succeeded.Should().BeTrue(restored.Message);
        }

        await stores.Database.MigrateAsync();
        (await stores.CountAsync(db => db.AuditEntries)).Should().Be(1, "the backup's rows are what the app runs on");
        await using (var db = await stores.Factory.CreateDbContextAsync())
        {
            (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        }
    }

    [Fact]
    public async Task RestoreAsync_BackupOfANewerVersion_IsRefusedAndChangesNothing()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        await TestPractice.CreateAsync(stores.Store);
        var before = await CountRowsAsync(stores.Database.ConnectionString);
        var backupFile = Path.Combine(stores.Database.Folder, "newer.db");
        await using var db = await stores.Factory.CreateDbContextAsync();
        (await SqliteBackup.BackupAsync(db, backupFile)).Succeeded.Should().BeTrue();
        await HandWrittenMigrationsDatabase.ExecuteAsync($"Data Source={backupFile};Pooling=False",
            "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231235959_FromTheFuture', '10.0.15');");

        var outcome = await SqliteBackup.RestoreAsync(db, backupFile);

        outcome.Succeeded.Should().BeFalse();
        outcome.Message.Should().Contain("made by a newer version of Booking (migration 29991231235959_FromTheFuture)");
        (await CountRowsAsync(stores.Database.ConnectionString)).Should().Equal(before);
    }

    [Fact]
    public async Task RestoreAsync_WhileAnotherConnectionHoldsTheDatabase_TellsTheOperatorToStopTheApp()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        await TestPractice.CreateAsync(stores.Store);
        var backupFile = Path.Combine(stores.Database.Folder, "backup.db");
        await using var db = await stores.Factory.CreateDbContextAsync();
        (await SqliteBackup.BackupAsync(db, backupFile)).Succeeded.Should().BeTrue();
        await using var busy = await stores.Factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(busy);

        var outcome = await SqliteBackup.RestoreAsync(db, backupFile);

        outcome.Succeeded.Should().BeFalse();
        outcome.Message.Should().Contain("Stop the app");
    }

    private static string ReadOnly(string file) => $"Data Source={file};Mode=ReadOnly;Pooling=False";

    private static async Task<Dictionary<string, long>> CountRowsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in CountedTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\";";
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static async Task WaitUntilAsync(Func<Task<int>> count, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await count() < atLeast)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the writer should have booked by now");
            await Task.Delay(10);
        }
    }
}
