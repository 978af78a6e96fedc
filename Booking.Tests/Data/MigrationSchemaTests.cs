using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace Booking.Tests.Data;

public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrate_FromEmpty_GivesExactlyTheSchemaTheModelExpects()
    {
        using var migrated = new TempDatabase("migrated");
        using var created = new TempDatabase("created");
        await using (var db = migrated.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = created.CreateContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var migratedSchema = SqliteSchema.Describe(migrated.ConnectionString);
        var expectedSchema = SqliteSchema.Describe(created.ConnectionString);

        migratedSchema.Should().NotBeEmpty();
        migratedSchema.Should().Equal(expectedSchema,
            "hand-written migrations must produce the same tables, columns, keys and indexes as the model");
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless()
    {
        using var database = new TempDatabase();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();

        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Migrate_DatabaseHoldingDataAtInitialCreate_KeepsThatDataAtTheLatestSchema()
    {
        using var database = new TempDatabase();
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261121120000_InitialCreate");
        }

        await ExecuteAsync(database, """
            INSERT INTO AspNetUsers (Id, DisplayName, UserName, NormalizedUserName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ('u1', 'Alex Morgan', 'manager@demo.practice', 'MANAGER@DEMO.PRACTICE', 1, 0, 0, 1, 0);
            """);
        await ExecuteAsync(database, """
            INSERT INTO AuditEntries (At, ActorKind, Actor, Action, SubjectType, SubjectId, Before, After)
            VALUES ('2026-11-21 12:00:00', 'System', 'demo-seed', 'staff-user.created', 'StaffUser', 'u1', NULL, '{}');
            """);

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();

            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await db.Users.SingleAsync()).DisplayName.Should().Be("Alex Morgan");
            (await db.AuditEntries.SingleAsync()).Actor.Should().Be("demo-seed");
            (await db.Appointments.CountAsync()).Should().Be(0, "the new tables exist and start empty");
        }
    }

    private static async Task ExecuteAsync(TempDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
