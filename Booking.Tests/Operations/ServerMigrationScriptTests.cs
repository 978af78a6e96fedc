using Booking.Data;
using Booking.Data.Storage;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace Booking.Tests.Operations;

/// <summary>
/// The migration sets of the three providers, checked without a server: each matches the one model, and SQL Server's
/// idempotent script (which no machine of ours can run) lays down what the booking guarantees rest on.
/// </summary>
public sealed class ServerMigrationScriptTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void MigrationSet_OfEachProvider_HasNoModelChangeLeftToMigrate(DatabaseProvider provider)
    {
        using var db = Context(provider);

        db.Database.GetMigrations().Should().NotBeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse($"the {provider} migrations must be regenerated after a model change (docs/data.md)");
    }

    [Fact]
    public void SqlServerScript_Idempotent_CreatesEveryTableTheActiveSlotIndexesAndTheConcurrencyTokens()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in db.GetService<IDesignTimeModel>().Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct())
        {
            script.Should().Contain($"CREATE TABLE [{table}] (", $"table {table} is in the model");
        }

        script.Should().Contain("IF NOT EXISTS (", "an idempotent script guards every migration with the history table");

        // In an idempotent script a filtered index is made through EXEC, its quotes doubled.
        script.Should().Contain("EXEC(N'CREATE UNIQUE INDEX [UX_Appointments_SlotId_Active] ON [Appointments] ([SlotId]) WHERE \"Status\" <> ''Cancelled''');");
        script.Should().Contain("EXEC(N'CREATE UNIQUE INDEX [UX_AppointmentSlots_SlotId_Active] ON [AppointmentSlots] ([SlotId]) WHERE \"Status\" <> ''Cancelled''');");
        script.Should().MatchRegex(@"INSERT INTO \[WriteLock\] \(\[Id\], \[Taken\]\)\s+VALUES \(1, CAST\(0 AS bigint\)\)", "every write takes the one lock row");

        var versioned = db.GetService<IDesignTimeModel>().Model.GetEntityTypes().Where(e => typeof(IVersionedRow).IsAssignableFrom(e.ClrType)).ToList();
        versioned.Should().NotBeEmpty();
        foreach (var entity in versioned)
        {
            entity.FindProperty(nameof(IVersionedRow.Version))!.IsConcurrencyToken.Should().BeTrue();
            script.Should().MatchRegex($@"CREATE TABLE \[{entity.GetTableName()}\] \([^;]*\[Version\] int NOT NULL", $"{entity.GetTableName()} keeps its version");
        }
    }

    [Fact]
    public void SqlServerModel_EveryIndexedTextColumn_HasALengthSqlServerCanIndex()
    {
        using var db = Context(DatabaseProvider.SqlServer);
        var model = db.GetService<IDesignTimeModel>().Model;

        // nvarchar(max) cannot be an index key: the script would fail on a real server, not in this test's absence of one.
        var unindexable = model.GetEntityTypes()
            .SelectMany(e => e.GetIndexes().SelectMany(i => i.Properties).Concat(e.GetKeys().SelectMany(k => k.Properties)))
            .Where(p => p.ClrType == typeof(string) || p.GetProviderClrType() == typeof(string))
            .Where(p => p.GetColumnType(StoreObjectIdentifier.Table(p.DeclaringType.GetTableName()!, null)) is var type
                && type.Contains("max", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.DeclaringType.GetTableName()}.{p.Name}")
            .Distinct()
            .ToList();

        unindexable.Should().BeEmpty();
    }

    private static BookingDbContext Context(DatabaseProvider provider)
    {
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=never_opened",
            _ => "Server=localhost;Database=NeverOpened;TrustServerCertificate=True",
        };
        var options = new DbContextOptionsBuilder<BookingDbContext>();
        options.UseBookingDatabase(provider, connection);
        return new BookingDbContext(options.Options);
    }
}
