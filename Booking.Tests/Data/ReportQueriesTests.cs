using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Reporting;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The report loading on a real SQLite file: the one-GP test practice, four bookings of Monday 1 June 2026 made on
/// Friday 29 May (three) and on the Monday itself (one), then an arrival and a DNA recorded on the Monday.
/// </summary>
public sealed class ReportQueriesTests : IAsyncLifetime
{
    private static readonly LocalDate Friday = new(2026, 5, 29);
    private static readonly DateInterval MondayOnly = new(TestPractice.Monday, TestPractice.Monday);

    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private ReportQueries _reports = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _reports = new ReportQueries(_stores.Factory, _stores.Configuration, _stores.Refusals, _stores.Clock);

        var arrives = await BookAsync(8, 0, 1, Channel.Reception);
        var misses = await BookAsync(9, 0, 2, Channel.Online);
        await BookAsync(10, 0, 3, Channel.Reception);
        _stores.Clock.Reset(At(TestPractice.Monday, 8, 5));
        await BookAsync(10, 30, 4, Channel.Reception);
        _stores.Clock.Reset(At(TestPractice.Monday, 9, 30));
        (await _stores.Booking.MarkArrivedAsync(arrives, DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Booking.MarkDidNotAttendAsync(misses, DataStores.Receptionist)).Succeeded.Should().BeTrue();
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetAsync_Day_CountsBookedAgainstBookableByServiceClinicianAndDay()
    {
        var set = (await _reports.GetAsync(MondayOnly))!;

        set.ByService.Should().ContainSingle().Which.Should().Be(new UtilisationRow<int>(_practice.ServiceId, TestPractice.SlotsPerSession, 4));
        set.ByPractitioner.Should().ContainSingle().Which.Should().Be(new UtilisationRow<int>(_practice.PractitionerId, TestPractice.SlotsPerSession, 4));
        set.ByDay.Should().ContainSingle().Which.Should().Be(new UtilisationRow<LocalDate>(TestPractice.Monday, TestPractice.SlotsPerSession, 4));
        set.ByService[0].Rate.Should().BeApproximately(0.2, 1e-9);
    }

    [Fact]
    public async Task GetAsync_Day_GivesDnaLeadTimeAndChannelShareFromTheStoredAppointments()
    {
        var set = (await _reports.GetAsync(MondayOnly))!;

        set.Dna.Overall.Should().Be(new DnaRate(1, 1));
        set.Dna.ByLeadTime.Single(b => b.Band == LeadTimeBand.TwoToSevenDays).Rate.Should().Be(new DnaRate(1, 1));
        set.Dna.ByLeadTime.Single(b => b.Band == LeadTimeBand.SameDay).Rate.Should().Be(new DnaRate(0, 0), "the same-day booking has no outcome yet");
        set.LeadTimes.Single(r => r.Band == LeadTimeBand.TwoToSevenDays).Appointments.Should().Be(3);
        set.LeadTimes.Single(r => r.Band == LeadTimeBand.SameDay).Appointments.Should().Be(1);
        set.Channels.Single(r => r.Group == ChannelGroup.Reception).Appointments.Should().Be(3);
        set.Channels.Single(r => r.Group == ChannelGroup.Online).Share.Should().BeApproximately(0.25, 1e-9);
    }

    [Fact]
    public async Task GetAsync_RangeIncludingTheBookingDay_CountsBookingsMadeOnTheDayTheyWereMade()
    {
        var set = (await _reports.GetAsync(new DateInterval(Friday, TestPractice.Monday)))!;

        set.DemandCapacity.Select(r => r.Date).Should().Equal(new DateInterval(Friday, TestPractice.Monday));
        set.DemandCapacity.Single(r => r.Date == Friday).Should().Be(new DemandCapacityRow(Friday, 0, 0, 3));
        set.DemandCapacity.Single(r => r.Date == TestPractice.Monday).Should().Be(new DemandCapacityRow(TestPractice.Monday, TestPractice.SlotsPerSession, 4, 1));
    }

    [Fact]
    public async Task GetAsync_FridayOnly_StillCountsBookingsMadeThatDayForLaterSlots()
    {
        var set = (await _reports.GetAsync(new DateInterval(Friday, Friday)))!;

        set.DemandCapacity.Should().ContainSingle().Which.BookingsMade.Should().Be(3);
        set.ByService.Should().BeEmpty("no slots fall on Friday");
    }

    [Fact]
    public async Task GetAsync_PastRange_MeasuresThirdNextAvailableFromNow()
    {
        var set = (await _reports.GetAsync(new DateInterval(new LocalDate(2026, 5, 4), new LocalDate(2026, 5, 4))))!;

        // Now is Monday 09:30: 09:40 and 09:50 are free, 10:00 is booked, so 10:10 is the third free slot, today.
        var row = set.ThirdNextAvailable.Should().ContainSingle().Subject;
        row.ServiceId.Should().Be(_practice.ServiceId);
        row.ThirdFreeSlot!.LocalStart.Should().Be(TestPractice.Monday.At(new LocalTime(10, 10)));
        row.Days.Should().Be(0);
        set.AsOf.Should().Be(_stores.Clock.GetCurrentInstant());
    }

    [Fact]
    public async Task GetAsync_RangeLongerThanAYear_IsRefused()
    {
        var tooLong = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 1).PlusDays(ReportQueries.MaxRangeDays));

        var act = () => _reports.GetAsync(tooLong);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    private async Task<AppointmentId> BookAsync(int hour, int minute, int patient, Channel channel)
    {
        var outcome = await _stores.Booking.BookAsync(
            new NewBooking(_practice.Slot(hour, minute), DataStores.PatientDetails(patient), channel), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!.Appointment.Id;
    }

    private static Instant At(LocalDate date, int hour, int minute) =>
        date.At(new LocalTime(hour, minute)).InZoneStrictly(PracticeTime.Zone).ToInstant();
}
