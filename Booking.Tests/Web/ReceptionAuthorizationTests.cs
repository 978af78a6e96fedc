using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The reception pages and the day-list CSV through the real pipeline: who gets in, and what the CSV holds.</summary>
public sealed class ReceptionAuthorizationTests : IClassFixture<BookingWebFactory>
{
    private readonly BookingWebFactory _factory;

    public ReceptionAuthorizationTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 24, 8, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
    }

    [Theory]
    [InlineData("/appointments")]
    [InlineData("/appointments/find")]
    [InlineData("/appointments/patient")]
    [InlineData("/appointments/daylist?practitioner=1&date=2026-11-24")]
    public async Task Get_Anonymous_RedirectsToSignIn(string path)
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task GetDayListCsv_Anonymous_IsRefused()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync("/appointments/daylist.csv?practitioner=1&date=2026-11-24");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "anonymous callers are challenged, never served");
        response.Headers.Location!.OriginalString.Should().Contain("/Account/Login");
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task GetContactListCsv_Anonymous_IsRefused()
    {
        var client = StaffSignIn.CreateClient(_factory);

        var response = await client.GetAsync("/appointments/to-contact.csv");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "anonymous callers are challenged, never served");
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("text/csv");
    }

    [Theory]
    [InlineData("/appointments", "Appointment book")]
    [InlineData("/appointments/find", "Find next available")]
    [InlineData("/appointments/patient", "Patient&#x27;s appointments")]
    [InlineData("/appointments/daylist", "Day list")]
    [InlineData("/appointments/to-contact", "Patients to contact")]
    public async Task Get_AsReceptionist_IsServed(string path, string heading)
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(heading);
    }

    [Fact]
    public async Task Get_AppointmentBook_AsPracticeManager_IsServed()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ManagerEmail, StaffSignIn.ManagerPassword);

        var response = await client.GetAsync("/appointments");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetDayListCsv_AsReceptionist_ListsTheDaysAppointments()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        var desk = new DirectBooking(_factory.Database, new LocalDateTime(2026, 11, 24, 8, 0));
        await desk.BookAsync("Dr James Okafor", new LocalDateTime(2026, 11, 24, 9, 30),
            new Booking.Core.Appointments.PatientDetails(Booking.Core.Appointments.NhsNumber.Parse("9434765919"), "=Csv, \"Quoted\"", new LocalDate(1980, 5, 17)));
        var okafor = await desk.PractitionerIdAsync("Dr James Okafor");

        var response = await client.GetAsync($"/appointments/daylist.csv?practitioner={okafor}&date=2026-11-24");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("day-list-dr-james-okafor-2026-11-24.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("Time,Patient,NHS number,Date of birth,Phone,Service,Site,Status");
        lines.Should().Contain("09:30–09:40,\"'=Csv, \"\"Quoted\"\"\",943 476 5919,1980-05-17,,GP appointment,Main surgery,Booked");
    }

    [Fact]
    public async Task GetDayListCsv_WithoutPractitioner_IsBadRequest()
    {
        var client = await StaffSignIn.SignedInClientAsync(_factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);

        var response = await client.GetAsync("/appointments/daylist.csv?date=2026-11-24");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
