using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>
/// The impact report page and its CSV through the real pipeline over the demo practice and history (Tuesday
/// 24 November 2026), where GP telephone slots were released online from Monday 12 October.
/// </summary>
public sealed class ImpactReportAuthorizationTests : IClassFixture<BookingWebFactory>
{
    private const string OnlineTelephoneCsv = "/manage/reports/impact/csv?date=2026-10-12&weeks=6";

    private readonly BookingWebFactory _factory;

    public ImpactReportAuthorizationTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 24, 8, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
    }

    [Fact]
    public async Task GetPage_AsReceptionist_IsSentToAccessDenied()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/reports/impact");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task GetCsv_Anonymous_IsChallengedNotServed()
    {
        var response = await StaffSignIn.CreateClient(_factory).GetAsync(OnlineTelephoneCsv);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task GetCsv_AsReceptionist_IsForbidden()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync(OnlineTelephoneCsv);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task GetCsv_AsManager_GivesDaysMeasuredThenEachFigureWithPlainNumbers()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync(OnlineTelephoneCsv);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("impact-2026-08-31-to-2026-11-22.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Figure,Before,After,Difference (after − before)");
        lines[1].Should().Be("Days measured,42,42,");
        var online = lines.Single(l => l.StartsWith("Slots offered per week: online,", StringComparison.Ordinal)).Split(',');
        double.Parse(online[3], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        lines.Should().Contain(l => l.StartsWith("DNA rate,0.", StringComparison.Ordinal), "shares are fractions a spreadsheet can format");
    }

    [Theory]
    [InlineData("/manage/reports/impact/csv?date=2026-10-12&weeks=27")]
    [InlineData("/manage/reports/impact/csv?date=2026-10-12&weeks=six")]
    [InlineData("/manage/reports/impact/csv?weeks=6")]
    [InlineData("/manage/reports/impact/csv?date=1900-01-01&weeks=6")]
    public async Task GetCsv_AsManagerWithBadRequest_SaysWhatIsWrong(string path)
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotBeNullOrWhiteSpace();
    }
}
