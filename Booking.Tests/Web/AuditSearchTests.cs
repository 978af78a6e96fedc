using Booking.Data.Auditing;
using Booking.Tests.TestSupport;
using Booking.Web.Components.Pages.Audit;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The audit log's text search over a real SQLite file.</summary>
public sealed class AuditSearchTests : IAsyncLifetime, IDisposable
{
    private readonly TempDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.CreateContext();
        var at = Instant.FromUtc(2026, 11, 24, 9, 0);
        AuditLog.Record(db, at, ActingParty.Staff("user-1", "Sam Taylor"), "appointment.booked", "Appointment", "41", null, new { NhsNumber = "9434765919", Name = "Ann Example" });
        AuditLog.Record(db, at, ActingParty.Staff("user-1", "Sam Taylor"), "appointment.booked", "Appointment", "42", null, new { NhsNumber = "4010232137", Name = "Bob Other" });
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData(" 943-476-5919 ")]
    public void Apply_NhsNumberTypedAsPrintedOrPlain_FindsTheEntryHoldingItsDigits(string typed)
    {
        using var db = _database.CreateContext();

        var found = AuditSearch.Apply(db.AuditEntries, new AuditFilter(Text: typed)).ToList();

        found.Should().ContainSingle().Which.SubjectId.Should().Be("41");
    }

    [Fact]
    public void Apply_WordsWithSpaces_StillMatchAsTyped()
    {
        using var db = _database.CreateContext();

        AuditSearch.Apply(db.AuditEntries, new AuditFilter(Text: "Ann Example")).Should().ContainSingle();
        AuditSearch.Apply(db.AuditEntries, new AuditFilter(Text: "AnnExample")).Should().BeEmpty();
    }
}
