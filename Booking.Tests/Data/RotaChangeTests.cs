using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>Rule 4: rota, closure and leave changes list the bookings they affect and never move or delete them.</summary>
public sealed class RotaChangeTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private StoredAppointment _booked = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        var outcome = await _stores.Booking.BookAsync(
            new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);
        _booked = outcome.Appointment!;
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddLeaveAsync_OverABookedAppointment_ListsItAndLeavesItBooked()
    {
        var result = await _stores.Store.AddLeaveAsync(
            _practice.PractitionerId, new DateInterval(TestPractice.Monday, TestPractice.Monday), DataStores.Receptionist);

        result.Succeeded.Should().BeTrue();
        var affected = result.Affected.Should().ContainSingle().Subject;
        affected.Appointment.Id.Should().Be(_booked.Appointment.Id);
        affected.Impact.Should().Be(SlotImpact.Suppressed);
        affected.Explanation.Should().Be("Dr Test on leave");
        await ShouldBeUntouchedAsync();
        var availability = await _stores.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), Monday());
        availability.ReasonsFor(_practice.Slot(9, 10)).Should().ContainSingle(r => r is NotScheduled);
    }

    [Fact]
    public async Task UpdateSessionTemplateAsync_ShiftedTimes_ReportsTheBookingAndKeepsItsCopiedSlot()
    {
        var shifted = new WeeklySession(
            _practice.PractitionerId, _practice.SiteId, IsoDayOfWeek.Monday,
            SessionLayout.Uniform(LocalTimeRange.Parse("08:05-11:25"), _practice.ServiceId, SlotLength.FromMinutes(10)), new LocalDate(2026, 5, 4));

        var result = await _stores.Store.UpdateSessionTemplateAsync(_practice.Template.Id, shifted, DataStores.Receptionist);

        result.Affected.Should().ContainSingle().Which.Impact.Should().Be(SlotImpact.Removed);
        await ShouldBeUntouchedAsync();
        var lookup = await _stores.Queries.FindSlotAsync(_practice.Slot(9, 0), new Caller(Channel.Reception));
        lookup.Should().BeNull("the rota no longer produces the 09:00 slot; the appointment keeps it all the same");
    }

    [Fact]
    public async Task UpdateSessionTemplateAsync_LongerSessionWithTheSameStarts_AffectsNothing()
    {
        var longer = new WeeklySession(
            _practice.PractitionerId, _practice.SiteId, IsoDayOfWeek.Monday,
            SessionLayout.Uniform(LocalTimeRange.Parse("08:00-12:00"), _practice.ServiceId, SlotLength.FromMinutes(10)), new LocalDate(2026, 5, 4));

        var result = await _stores.Store.UpdateSessionTemplateAsync(_practice.Template.Id, longer, DataStores.Receptionist);

        result.Succeeded.Should().BeTrue();
        result.Affected.Should().BeEmpty("slot ids depend on template, date and start only");
    }

    [Fact]
    public async Task AddSessionTemplateAsync_OverlappingTheClinicianMondaySession_IsRefusedAndNothingIsSaved()
    {
        var overlapping = new WeeklySession(
            _practice.PractitionerId, _practice.SiteId, IsoDayOfWeek.Monday,
            SessionLayout.Uniform(LocalTimeRange.Parse("11:00-12:00"), _practice.ServiceId, SlotLength.FromMinutes(10)), TestPractice.Monday);

        var result = await _stores.Store.AddSessionTemplateAsync(overlapping, DataStores.Receptionist);

        result.Succeeded.Should().BeFalse();
        result.Message.Should().StartWith("The clinician would be in two sessions at once");
        result.Field.Should().Be(nameof(RotaEditField.Times));
        (await _stores.Configuration.GetAsync())!.Rota.Templates.Should().ContainSingle();
    }

    [Fact]
    public async Task GetAffectedAppointmentsAsync_ProposedClosure_ListsTheBookingWithoutSavingAnything()
    {
        var current = (await _stores.Configuration.GetAsync())!;
        var proposed = current.Rota.With(closures: [new Closure(1, TestPractice.Monday, "Training morning", LocalTimeRange.Parse("08:00-10:00"))]);

        var affected = await _stores.Queries.GetAffectedAppointmentsAsync(proposed, Monday());

        affected.Should().ContainSingle().Which.Explanation.Should().Be("Practice closed: Training morning");
        (await _stores.CountAsync(db => db.Closures)).Should().Be(0);
        await ShouldBeUntouchedAsync();
    }

    private async Task ShouldBeUntouchedAsync()
    {
        var stored = await _stores.Queries.GetAppointmentAsync(_booked.Appointment.Id);
        stored!.Version.Should().Be(_booked.Version);
        stored.Appointment.Status.Should().Be(AppointmentStatus.Booked);
        stored.Appointment.Slot.Should().Be(_booked.Appointment.Slot);
    }

    private static DateInterval Monday() => new(TestPractice.Monday, TestPractice.Monday);
}
