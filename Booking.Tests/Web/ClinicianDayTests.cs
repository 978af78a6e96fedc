using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data.Auditing;
using Booking.Tests.TestSupport;
using Booking.Web.Components.Pages.Appointments;
using Booking.Web.Components.Pages.Home;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The home page's day per clinician, summed from the appointment book of the demo practice on a Tuesday.</summary>
public sealed class ClinicianDayTests : IAsyncLifetime
{
    private const string Patel = "Dr Anita Patel";
    private const string Okafor = "Dr James Okafor";
    private static readonly ActingParty Desk = ActingParty.Staff("desk", "Sam Taylor");
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public async Task DisposeAsync() => await _practice.DisposeAsync();

    [Fact]
    public async Task Summarise_DemoTuesdayWithArrivalsAndDidNotAttend_CountsEachClinicianSeparately()
    {
        _practice.Clock.Reset(At(8, 0));
        var arrived = await _practice.Desk.BookAsync(Patel, _practice.Today.At(new LocalTime(9, 0)), Patient(TestNhsNumbers.Next()));
        var missed = await _practice.Desk.BookAsync(Patel, _practice.Today.At(new LocalTime(9, 10)), Patient(TestNhsNumbers.Next()));
        await _practice.Desk.BookAsync(Okafor, _practice.Today.At(new LocalTime(11, 0)), Patient(TestNhsNumbers.Next()));
        _practice.Clock.Reset(At(9, 20));
        (await _practice.Desk.Bookings.MarkArrivedAsync(arrived.Appointment.Id, Desk)).Succeeded.Should().BeTrue();
        (await _practice.Desk.Bookings.MarkDidNotAttendAsync(missed.Appointment.Id, Desk)).Succeeded.Should().BeTrue();

        var days = await SummariseAsync();

        var patel = days.Single(d => d.Practitioner == Patel);
        (patel.Booked, patel.Arrived, patel.DidNotAttend).Should().Be((2, 1, 1));
        var okafor = days.Single(d => d.Practitioner == Okafor);
        (okafor.Booked, okafor.Arrived, okafor.DidNotAttend).Should().Be((1, 0, 0));
        okafor.HeldForOthers.Should().BeGreaterThan(0, "the demo holds Dr Okafor's 12:00 session for NHS 111 until 11:00");
        days.Select(d => d.From).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Summarise_FreeCount_EqualsTheSlotsTheAppointmentBookOffersReception()
    {
        var (slots, days) = await BuildAndSummariseAsync();

        days.Sum(d => d.Free).Should().Be(slots.Count(s => s.State == SlotState.Free));
        days.Sum(d => d.Booked).Should().Be(0);
        days.Should().OnlyContain(d => d.From < d.To);
    }

    private async Task<IReadOnlyList<ClinicianDay>> SummariseAsync() => (await BuildAndSummariseAsync()).Days;

    private async Task<(IReadOnlyList<BookSlot> Slots, IReadOnlyList<ClinicianDay> Days)> BuildAndSummariseAsync()
    {
        var today = new DateInterval(_practice.Today, _practice.Today);
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        var availability = await _practice.Desk.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), today);
        var appointments = await _practice.Desk.Queries.GetAppointmentsAsync(today);
        var slots = BookSlot.Build(availability, appointments, config!.Policy, siteId: null, practitionerId: null);
        return (slots, ClinicianDay.Summarise(slots, config.PractitionerName));
    }

    private Instant At(int hour, int minute) => _practice.Today.At(new LocalTime(hour, minute)).InZoneStrictly(PracticeTime.Zone).ToInstant();

    private static PatientDetails Patient(string nhsNumber) => new(NhsNumber.Parse(nhsNumber), $"Patient {nhsNumber[..3]}", new LocalDate(1980, 5, 17));
}
