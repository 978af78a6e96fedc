using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Web.Components.Pages.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>The appointment book's reading of the release policy's verdicts, on the demo practice at 10:05 on a Tuesday.</summary>
public sealed class BookSlotTests : IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    [Fact]
    public async Task Build_DemoTuesday_ShowsFreeStartedReservedAndBookedSlots()
    {
        var okafor = await _practice.Desk.PractitionerIdAsync("Dr James Okafor");
        await _practice.Desk.BookAsync("Dr James Okafor", At(11, 0), new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Example", new LocalDate(1980, 5, 17)));

        var slots = await BuildAsync(practitionerId: okafor);

        slots.Should().OnlyContain(s => s.Slot.PractitionerId == okafor);
        Slot(slots, 10, 50).State.Should().Be(SlotState.Free);
        Slot(slots, 10, 50).Channels.Should().Equal("reception", "online");
        Slot(slots, 9, 0).State.Should().Be(SlotState.Withheld);
        Slot(slots, 9, 0).Reasons.Should().ContainSingle().Which.Should().BeOfType<SlotStarted>();
        Slot(slots, 12, 0).State.Should().Be(SlotState.Reserved);
        Slot(slots, 12, 0).WhyNotOffered.Should().Be("Held for 111 until 11:00 today");
        Slot(slots, 12, 0).Channels.Should().Equal("111", "reception from 11:00");
        var booked = Slot(slots, 11, 0);
        booked.State.Should().Be(SlotState.Booked);
        booked.Appointment!.Appointment.Patient.Name.Should().Be("Jane Example");
        booked.Channels.Should().Equal("reception");
    }

    [Fact]
    public async Task Build_CancelledAppointment_LeavesTheSlotFree()
    {
        var appointment = await _practice.Desk.BookAsync("Dr Anita Patel", At(11, 10), new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Example", new LocalDate(1980, 5, 17)));
        (await _practice.Desk.Bookings.CancelAsync(appointment.Appointment.Id, CancellationReason.PatientRequest, null, Booking.Data.Auditing.ActingParty.Staff("u", "Sam Taylor")))
            .Succeeded.Should().BeTrue();

        var slots = await BuildAsync(practitionerId: await _practice.Desk.PractitionerIdAsync("Dr Anita Patel"));

        Slot(slots, 11, 10).State.Should().Be(SlotState.Free);
        Slot(slots, 11, 10).Appointment.Should().BeNull();
    }

    [Fact]
    public async Task Build_SiteFilter_KeepsOnlyThatSiteInStartOrder()
    {
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        var branch = config!.Sites.Single(s => s.Site.Name == "Riverside branch").Site.Id;

        var slots = await BuildAsync(siteId: branch);

        slots.Should().NotBeEmpty().And.OnlyContain(s => s.Slot.SiteId == branch);
        slots.Select(s => s.Slot.LocalStart).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task NextVerdictChange_MidMorning_IsTheNextSlotStartNotAPollInterval()
    {
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        var slots = await BuildAsync();

        var next = BookTimes.NextVerdictChange(slots, config!.Policy, _practice.Clock.GetCurrentInstant());

        next.InZone(config.Policy.Zone).LocalDateTime.Should().Be(At(10, 10), "at 10:10 the 10:10 slots start and stop being bookable");
    }

    [Fact]
    public async Task NextVerdictChange_AfterTheLastSlot_IsMidnightWhenTheBookingWindowMoves()
    {
        _practice.Clock.AdvanceHours(10);
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        var slots = await BuildAsync();

        var next = BookTimes.NextVerdictChange(slots, config!.Policy, _practice.Clock.GetCurrentInstant());

        next.InZone(config.Policy.Zone).LocalDateTime.Should().Be(_practice.Today.PlusDays(1).AtMidnight());
    }

    private async Task<IReadOnlyList<BookSlot>> BuildAsync(int? siteId = null, int? practitionerId = null)
    {
        var day = new DateInterval(_practice.Today, _practice.Today);
        var config = await _practice.Desk.Queries.GetConfigurationAsync();
        var availability = await _practice.Desk.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), day);
        var appointments = await _practice.Desk.Queries.GetAppointmentsAsync(day);
        return BookSlot.Build(availability, appointments, config!.Policy, siteId, practitionerId);
    }

    private LocalDateTime At(int hour, int minute) => _practice.Today.At(new LocalTime(hour, minute));

    private BookSlot Slot(IEnumerable<BookSlot> slots, int hour, int minute) => slots.Single(s => s.Slot.LocalStart == At(hour, minute));

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
