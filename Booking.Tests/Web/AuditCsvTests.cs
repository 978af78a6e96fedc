using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The audit log's CSV download through the real pipeline: who gets it, and what a filtered export holds.</summary>
public sealed class AuditCsvTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public AuditCsvTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 24, 8, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
    }

    [Fact]
    public async Task GetCsv_Anonymous_IsChallenged()
    {
        var response = await StaffSignIn.CreateClient(_factory).GetAsync("/manage/audit/csv");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task GetCsv_AsReceptionist_IsForbidden()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/audit/csv");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetCsv_AsManagerFilteredBySubject_ListsOnlyThoseEntriesNewestFirst()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/audit/csv?subjectType=Site&from=2026-11-24&to=2026-11-24");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("When (UTC),Who,Kind of actor,What,About,Id,Before,After");
        lines.Skip(1).Should().HaveCount(2).And.OnlyContain(l => l.Contains(",demo-seed,System,site.created,Site,", StringComparison.Ordinal));
        lines[1].Should().Contain("Riverside branch", "newest first");
        lines[2].Should().Contain("Main surgery");
    }

    [Fact]
    public async Task GetCsv_AsManagerWithToBeforeFrom_IsBadRequest()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/audit/csv?from=2026-11-24&to=2026-11-01");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
