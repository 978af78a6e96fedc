using System.Net;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The reports page and its CSV downloads through the real pipeline: who gets them, and what the CSV holds.</summary>
public sealed class ReportsAuthorizationTests : IClassFixture<BookingWebFactory>
{
    private const string ChannelShareCsv = "/manage/reports/csv/channel-share?from=2026-11-24&to=2026-11-24";

    private readonly BookingWebFactory _factory;

    public ReportsAuthorizationTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 24, 8, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
    }

    [Fact]
    public async Task GetCsv_Anonymous_IsChallengedNotServed()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync(ChannelShareCsv);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task GetCsv_AsReceptionist_IsForbidden()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync(ChannelShareCsv);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task GetReportsPage_AsReceptionist_IsSentToAccessDenied()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/manage/reports");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/AccessDenied");
    }

    [Fact]
    public async Task GetCsv_AsManager_CountsTodaysBookingsByChannel()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        var desk = new DirectBooking(_factory.Database, new LocalDateTime(2026, 11, 24, 8, 0));
        await desk.BookAsync("Dr Anita Patel", new LocalDateTime(2026, 11, 24, 9, 20),
            new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), "Rita Report", new LocalDate(1971, 3, 2)));

        var response = await client.GetAsync(ChannelShareCsv);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("channel-share-2026-11-24-to-2026-11-24.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "Booked through,Appointments,Share",
            "Reception,1,100.0%",
            "Online,0,0.0%",
            "NHS 111,0,0.0%",
            "Other organisations,0,0.0%");
    }

    [Fact]
    public async Task GetCsv_AsManager_UtilisationByDayHasOneIsoDatedLinePerDayWithSlots()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/manage/reports/csv/utilisation-by-day?from=2026-11-16&to=2026-11-22");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Date,Bookable slots,Booked,Utilisation");
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20");
        lines.Skip(1).Should().OnlyContain(l => int.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture) > 0, "the demo history filled past weekdays");
    }

    [Fact]
    public async Task GetCsv_AsManager_ChannelUptakeCountsARefusedOnlineAttemptAtOnce()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);
        var desk = new DirectBooking(_factory.Database, new LocalDateTime(2026, 11, 24, 8, 0));
        var booked = await desk.BookAsync("Dr Anita Patel", new LocalDateTime(2026, 11, 25, 9, 20),
            new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), "Una Uptake", new LocalDate(1968, 7, 9)));
        var app = _factory.Services.GetRequiredService<BookingService>();
        var refused = await app.BookAsync(
            new NewBooking(booked.Appointment.Slot.Id, new PatientDetails(NhsNumber.Parse(TestNhsNumbers.Next()), "Otto Online", new LocalDate(1990, 1, 2)), Channel.Online),
            ActingParty.System("test-online-patient"));
        refused.SlotTaken.Should().BeTrue();

        var response = await client.GetAsync("/manage/reports/csv/channel-uptake?from=2026-11-25&to=2026-11-25");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Date,Channel,Released,Taken,Booked through the channel,Left,All taken at,Refused: none left,Refused: other reason");
        var online = lines.Single(l => l.StartsWith("2026-11-25,Online,", StringComparison.Ordinal)).Split(',');
        online[7].Should().Be("1", "the online attempt at a taken slot was refused for want of a free one");
        int.Parse(online[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0, "the demo practice releases GP slots online");
    }

    [Theory]
    [InlineData("/manage/reports/csv/channel-share?from=2026-11-24&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("/manage/reports/csv/channel-share?from=2026-11-24", HttpStatusCode.BadRequest)]
    [InlineData("/manage/reports/csv/no-such-report?from=2026-11-01&to=2026-11-24", HttpStatusCode.NotFound)]
    public async Task GetCsv_AsManagerWithBadRequest_SaysWhatIsWrong(string path, HttpStatusCode expected)
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(expected);
        (await response.Content.ReadAsStringAsync()).Should().NotBeNullOrWhiteSpace();
    }
}
