using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Booking.Core.Release;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Storage;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The in-process write gate: first come, first served (so FHIR and staff bookings at the rush are served in arrival
/// order), and every transaction's time holding it recorded on the <c>booking.write_lock.held</c> histogram.
/// </summary>
public sealed class WriteTransactionTests : IAsyncLifetime
{
    private DataStores _stores = null!;

    public async Task InitializeAsync() => _stores = await DataStores.CreateAsync(TestPractice.Clock());

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BeginAsync_WritersQueuedBehindAHolder_AreServedInArrivalOrderAndANewcomerGoesLast()
    {
        var contexts = new List<BookingDbContext>();
        var served = new ConcurrentQueue<int>();
        try
        {
            var holderDb = await NewContextAsync(contexts);
            var holder = await WriteTransaction.BeginAsync(holderDb);

            // BeginAsync joins the gate's queue before its first await, so calling it in turn fixes the arrival order.
            var waiters = new List<Task>();
            for (var i = 0; i < 20; i++)
            {
                waiters.Add(TakeInTurnAsync(await NewContextAsync(contexts), i, served));
            }

            await holder.DisposeAsync();
            waiters.Add(TakeInTurnAsync(await NewContextAsync(contexts), 20, served));
            await Task.WhenAll(waiters);

            served.Should().Equal(Enumerable.Range(0, 21), "each writer gets the lock in the order it asked, and none overtakes the queue");
        }
        finally
        {
            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task BookAsync_Booked_RecordsHowLongItsTransactionHeldTheLockUnderItsOperation()
    {
        var practice = await TestPractice.CreateAsync(_stores.Store);
        var recorded = new ConcurrentBag<(double Milliseconds, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WriteTransaction.MeterName && instrument.Name == WriteTransaction.HeldHistogramName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == WriteTransaction.OperationTag)
                {
                    recorded.Add((value, tag.Value as string));
                }
            }
        });
        listener.Start();

        var outcome = await _stores.Booking.BookAsync(new NewBooking(practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);

        // The meter is process-wide and other tests book in parallel, so this booking's measurement is one of those seen.
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        recorded.Where(r => r.Operation == WriteTransaction.Operations.Book).Should().NotBeEmpty()
            .And.OnlyContain(r => r.Milliseconds > 0 && r.Milliseconds < 60_000);
    }

    private async Task<BookingDbContext> NewContextAsync(List<BookingDbContext> contexts)
    {
        var db = await _stores.Factory.CreateDbContextAsync();
        contexts.Add(db);
        return db;
    }

    private static async Task TakeInTurnAsync(BookingDbContext db, int index, ConcurrentQueue<int> served)
    {
        await using var write = await WriteTransaction.BeginAsync(db);
        served.Enqueue(index);
    }
}
