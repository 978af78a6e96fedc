using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using Booking.Tests.TestSupport;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The 08:00 rush: callers who lose a slot learn so without queueing for the one writer.</summary>
public sealed class BookingTakenSlotTests : IAsyncLifetime
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
    public async Task BookAsync_SlotAlreadyHeldWhileAnotherWriterHoldsTheLock_RefusedAsTakenWithoutWaitingForTheLock()
    {
        var slot = _practice.Slot(9, 0);
        var first = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);
        first.Succeeded.Should().BeTrue(first.Message);
        await using var otherInstance = await OtherInstanceWriter.HoldTheLockAsync(_stores.Database);

        // Were the loser to need the write lock it would wait out SQLite's busy timeout and fail as busy, not as
        // taken; on PostgreSQL it would wait on the lock row until the bound below.
        var loser = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(2), Channel.Online), DataStores.Receptionist)
            .WaitAsync(TimeSpan.FromSeconds(30));

        loser.Succeeded.Should().BeFalse();
        loser.Reasons.Should().ContainSingle().Which.Should().BeOfType<SlotAlreadyBooked>();
    }

    [Fact]
    public async Task BookAsync_RetryOfTheBookingThatHoldsTheSlot_ReturnsTheSameAppointment()
    {
        var slot = _practice.Slot(9, 10);
        var request = new NewBooking(slot, DataStores.PatientDetails(3), Channel.Online, new AppointmentId(Guid.NewGuid()));
        var first = await _stores.Booking.BookAsync(request, DataStores.Receptionist);

        var retry = await _stores.Booking.BookAsync(request, DataStores.Receptionist);

        retry.Succeeded.Should().BeTrue(retry.Message);
        retry.Appointment!.Appointment.Id.Should().Be(first.Appointment!.Appointment.Id);
        (await _stores.CountAsync(db => db.Appointments)).Should().Be(1);
    }
}
