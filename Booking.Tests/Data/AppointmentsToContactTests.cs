using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// Usability finding 2: after a closure, leave or rota change over bookings the manager acknowledged a list once, and
/// reception then saw plain "Booked" appointments whose patients could come to a closed surgery. The appointments the
/// rota no longer holds as booked are reception's work list until each is moved or cancelled (real SQLite file).
/// </summary>
public sealed class AppointmentsToContactTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NothingChanged_BookedAppointmentsAreNotListed()
    {
        await BookAsync(9, 0, 1);
        await BookAsync(9, 10, 2, following: 1);

        (await _stores.Queries.GetAppointmentsToContactAsync()).Should().BeEmpty("the rota still holds every appointment as booked");
    }

    [Fact]
    public async Task Closure_OverBookings_ListsEachWithTheReasonUntilMovedOrCancelled()
    {
        var nine = await BookAsync(9, 0, 1);
        var ten = await BookAsync(10, 0, 2);
        var eleven = await BookAsync(11, 0, 3);
        var closure = await _stores.Store.AddClosureAsync(TestPractice.Monday, "Training afternoon", DataStores.Receptionist, LocalTimeRange.Parse("08:00-10:30"));
        closure.Succeeded.Should().BeTrue();

        var toContact = await _stores.Queries.GetAppointmentsToContactAsync();

        toContact.Select(a => a.Appointment.Id).Should().Equal(nine.Appointment.Id, ten.Appointment.Id);
        toContact.Should().OnlyContain(a => a.Impact == SlotImpact.Suppressed && a.Explanation.Contains("Training afternoon"));

        var moved = await _stores.Booking.MoveAsync(nine.Appointment.Id, _practice.Slot(11, 10), Channel.Reception, DataStores.Receptionist, nine.Version);
        moved.Succeeded.Should().BeTrue(moved.Message);
        var cancelled = await _stores.Booking.CancelAsync(ten.Appointment.Id, CancellationReason.PracticeRequest, "Clinic closed", DataStores.Receptionist);
        cancelled.Succeeded.Should().BeTrue();
        (await _stores.Queries.GetAppointmentsToContactAsync()).Should().BeEmpty("each was resolved");
        eleven.Appointment.Status.Should().Be(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task ClosureOverSeveralDays_SavedInOneStep_ListsEachAffectedAppointmentOnceAndAuditsEachDay()
    {
        var nine = await BookAsync(9, 0, 1);
        var ten = await BookAsync(10, 0, 2);
        var audits = await _stores.CountAsync(db => db.AuditEntries);
        var dates = new DateInterval(TestPractice.Monday.PlusDays(-3), TestPractice.Monday.PlusDays(4));

        var closures = await _stores.Store.AddClosuresAsync(dates, "Refurbishment", DataStores.Receptionist);

        closures.Succeeded.Should().BeTrue(closures.Message);
        closures.Value!.Select(c => c.Date).Should().Equal(dates);
        closures.Affected.Select(a => a.Appointment.Id).Should().Equal(nine.Appointment.Id, ten.Appointment.Id);
        (await _stores.CountAsync(db => db.AuditEntries)).Should().Be(audits + dates.Length);
        (await _stores.Configuration.GetAsync())!.Rota.Closures.Where(c => c.Reason == "Refurbishment").Should().HaveCount(dates.Length);
    }

    [Fact]
    public async Task ClosureOverSeveralDays_StartingYesterday_IsRefusedAndClosesNoDay()
    {
        var yesterday = new LocalDate(2026, 5, 28); // the clock reads Friday 29 May 2026

        var closures = await _stores.Store.AddClosuresAsync(new DateInterval(yesterday, TestPractice.Monday), "Refurbishment", DataStores.Receptionist);

        closures.Succeeded.Should().BeFalse();
        closures.Message.Should().Contain("first date");
        (await _stores.Configuration.GetAsync())!.Rota.Closures.Should().BeEmpty();
    }

    [Fact]
    public async Task ClosureOverMoreDaysThanCoreAllows_IsRefusedWithCoresReason()
    {
        var dates = new DateInterval(TestPractice.Monday, TestPractice.Monday.PlusDays(Closure.MaxDaysAtOnce));

        var closures = await _stores.Store.AddClosuresAsync(dates, "Refurbishment", DataStores.Receptionist);

        closures.Succeeded.Should().BeFalse();
        closures.Message.Should().StartWith($"A closure covers at most {Closure.MaxDaysAtOnce} days at once");
        (await _stores.Configuration.GetAsync())!.Rota.Closures.Should().BeEmpty();
    }

    [Fact]
    public async Task LeaveAndSessionChanges_AreListedAndAWithdrawnClosureTakesItsAppointmentsOff()
    {
        var nine = await BookAsync(9, 0, 1);
        var closure = await _stores.Store.AddClosureAsync(TestPractice.Monday, "Flood", DataStores.Receptionist);
        (await _stores.Queries.GetAppointmentsToContactAsync()).Should().ContainSingle();

        (await _stores.Store.WithdrawClosureAsync(closure.Value!.Id, DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Queries.GetAppointmentsToContactAsync()).Should().BeEmpty("the surgery is open again");

        await _stores.Store.AddLeaveAsync(_practice.PractitionerId, new DateInterval(TestPractice.Monday, TestPractice.Monday), DataStores.Receptionist);
        var onLeave = (await _stores.Queries.GetAppointmentsToContactAsync()).Should().ContainSingle().Subject;
        onLeave.Appointment.Id.Should().Be(nine.Appointment.Id);
        onLeave.Explanation.Should().Be("Dr Test on leave");
    }

    [Fact]
    public async Task EndedAppointments_AreNotReceptionsWorkAnyMore()
    {
        await BookAsync(9, 0, 1);
        await _stores.Store.AddClosureAsync(TestPractice.Monday, "Flood", DataStores.Receptionist);

        _stores.Clock.AdvanceDays(3);
        _stores.Clock.AdvanceHours(1);

        (await _stores.Queries.GetAppointmentsToContactAsync()).Should().BeEmpty("Monday 09:10 has passed");
    }

    private async Task<StoredAppointment> BookAsync(int hour, int minute, int patient, int following = 0)
    {
        var first = _practice.Slot(hour, minute);
        var slots = _practice.MondaySlots();
        var index = slots.ToList().IndexOf(first);
        var outcome = await _stores.Booking.BookAsync(
            new NewBooking(first, DataStores.PatientDetails(patient), Channel.Reception) { FollowingSlotIds = [.. slots.Skip(index + 1).Take(following)] },
            DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!;
    }
}
