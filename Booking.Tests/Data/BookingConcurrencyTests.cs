using System.Diagnostics;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace Booking.Tests.Data;

/// <summary>Rule 1 and quotas under real parallel writers: separate tasks, contexts and connections on one SQLite file.</summary>
public sealed class BookingConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BookAsync_FiftyConcurrentBookingsOfOneSlot_BooksExactlyOneAndRefusesFortyNine()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        var practice = await TestPractice.CreateAsync(stores.Store);
        var slot = practice.Slot(9, 0);
        // Two service instances with their own caches, as two app processes on one database would be.
        var services = new[] { stores.Booking, stores.SecondBookingService() };
        using var start = new ManualResetEventSlim();

        var watch = Stopwatch.StartNew();
        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await services[i % 2].BookAsync(new NewBooking(slot, DataStores.PatientDetails(i), Channel.Reception), DataStores.Receptionist);
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);
        watch.Stop();
        output.WriteLine($"50 concurrent bookings of one slot took {watch.ElapsedMilliseconds} ms");

        outcomes.Should().ContainSingle(o => o.Succeeded);
        outcomes.Where(o => !o.Succeeded).Should().HaveCount(49).And.OnlyContain(o => o.Kind == BookingOutcomeKind.Refused && o.SlotTaken);
        await using var db = await stores.Factory.CreateDbContextAsync();
        (await db.Appointments.CountAsync(a => a.SlotId == slot.Value)).Should().Be(1);
        (await db.AuditEntries.CountAsync(e => e.Action == "appointment.booked")).Should().Be(1);
    }

    [Fact]
    public async Task BookAsync_TwoHundredConcurrentOnlineBookingsOverTwentySlots_NeverExceedTheQuota()
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        var practice = await TestPractice.CreateAsync(stores.Store);
        var slots = practice.MondaySlots();
        using var start = new ManualResetEventSlim();

        var watch = Stopwatch.StartNew();
        var attempts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await stores.Booking.BookAsync(new NewBooking(slots[i % slots.Count], DataStores.PatientDetails(i), Channel.Online), DataStores.Receptionist);
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);
        watch.Stop();
        output.WriteLine($"200 concurrent online bookings over 20 slots took {watch.ElapsedMilliseconds} ms");

        outcomes.Count(o => o.Succeeded).Should().Be(TestPractice.OnlineDailyQuota);
        outcomes.Where(o => !o.Succeeded).Should().OnlyContain(o => o.Reasons.Any(r => r is QuotaUsed || r is SlotAlreadyBooked));
        await using var db = await stores.Factory.CreateDbContextAsync();
        (await db.Appointments.CountAsync(a => a.Status != AppointmentStatus.Cancelled)).Should().Be(TestPractice.OnlineDailyQuota);
        (await db.Appointments.GroupBy(a => a.SlotId).CountAsync(g => g.Count() > 1)).Should().Be(0);
    }
}
