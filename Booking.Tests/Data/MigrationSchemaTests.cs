using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;
using Microsoft.EntityFrameworkCore;

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
}
