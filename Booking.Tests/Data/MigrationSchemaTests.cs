using System.Reflection;
using Booking.Data.Sqlite;
using Booking.Data.Sqlite.Migrations;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The generated SQLite migration set (project Booking.Data.Sqlite.Migrations) against the model.</summary>
[Trait("Provider", TempDatabase.SqliteOnly)]
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrate_FromEmpty_GivesExactlyTheSchemaTheModelExpects()
    {
        using var migrated = new TempDatabase("migrated");
        using var created = new TempDatabase("created");
        await migrated.MigrateAsync();
        await using (var db = created.CreateContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var migratedSchema = SqliteSchema.Describe(migrated.ConnectionString);
        var expectedSchema = SqliteSchema.Describe(created.ConnectionString);

        migratedSchema.Should().NotBeEmpty();
        migratedSchema.Except(expectedSchema).Should().BeEmpty("the migrations make nothing the model lacks");
        expectedSchema.Except(migratedSchema).Should().BeEmpty("the migrations make everything the model has");
        migratedSchema.Should().Equal(expectedSchema, "the migrations must produce the same tables, columns, keys and indexes as the model");
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        var history = SqliteSchema.Rows(database.ConnectionString, withMigrationTables: true)["__EFMigrationsHistory"];

        await database.MigrateAsync();

        await using var db = database.CreateContext();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        SqliteSchema.Rows(database.ConnectionString, withMigrationTables: true)["__EFMigrationsHistory"].Should().Equal(history);
    }

    /// <summary>
    /// What <c>dotnet ef migrations has-pending-model-changes</c> checks: a model edit without its migration fails here
    /// (add one as docs/data.md says), and the differences are listed.
    /// </summary>
    [Fact]
    public void Model_ComparedWithTheMigrationsSnapshot_HasNoChangesWithoutAMigration()
    {
        using var database = new TempDatabase();
        using var db = database.CreateContext();
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;
        snapshot.Should().NotBeNull("generated migrations come with a model snapshot");
        var snapshotModel = db.GetService<IModelRuntimeInitializer>().Initialize(((IMutableModel)snapshot!.Model).FinalizeModel());

        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            snapshotModel.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        differences.Select(operation => operation.ToString()).Should().BeEmpty(
            "every model change needs a migration: dotnet ef migrations add <Name> (docs/data.md)");
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public void MigrationsAssembly_IsTheSqliteMigrationsProject_WithTheBaselineFirst()
    {
        using var database = new TempDatabase();
        using var db = database.CreateContext();
        var project = typeof(SqliteDesignTimeFactory).Assembly;

        project.GetName().Name.Should().Be(SqliteSetup.MigrationsAssemblyName);
        db.GetService<IMigrationsAssembly>().Assembly.Should().BeSameAs(project);
        using var designTime = new SqliteDesignTimeFactory().CreateDbContext([]);
        designTime.GetService<IMigrationsAssembly>().Assembly.Should().BeSameAs(project, "dotnet ef adds migrations where the app looks for them");
        db.Database.GetMigrations().First().Should().EndWith("_Baseline",
            "the baseline must stay the first migration: databases made by the hand-written migrations are adopted at it");
    }

    [Fact]
    public void WebApp_RunsWithoutTheEfDesignPackage()
    {
        var webDeps = Path.Combine(AppContext.BaseDirectory, "Booking.Web.deps.json");
        File.Exists(webDeps).Should().BeTrue();

        File.ReadAllText(webDeps).Should().NotContain("Microsoft.EntityFrameworkCore.Design");
        typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("Microsoft.EntityFrameworkCore.Design");
        Assembly.Load(SqliteSetup.MigrationsAssemblyName).GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain("Microsoft.EntityFrameworkCore.Design", "the migrations need only EF's run-time assemblies");
    }
}
