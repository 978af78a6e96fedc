using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>One judging of a day shared by the open books that ask at once, and dropped when anything changes.</summary>
public sealed class SharedAvailabilityTests : IAsyncLifetime
{
    private static readonly DateInterval Monday = new(TestPractice.Monday, TestPractice.Monday);
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private SharedAvailability _shared = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _shared = new SharedAvailability(_stores.Queries, _stores.Changes, _stores.ConfigurationChanges, _stores.Clock);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetAsync_TwoBooksAtOnce_ShareOneJudging()
    {
        var first = await _shared.GetAsync(Monday, Instant.MinValue);
        var second = await _shared.GetAsync(Monday, Instant.MinValue);

        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task GetAsync_AfterABookingCommitted_JudgesAgainWithIt()
    {
        var before = await _shared.GetAsync(Monday, Instant.MinValue);

        var booked = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);

        booked.Succeeded.Should().BeTrue(booked.Message);
        var after = await _shared.GetAsync(Monday, Instant.MinValue);
        after.Should().NotBeSameAs(before);
        after.Offered.Select(s => s.Id).Should().NotContain(_practice.Slot(9, 0));
    }

    [Fact]
    public async Task GetAsync_OlderThanTheInstantAsked_OrThanItsMaxAge_JudgesAgain()
    {
        var first = await _shared.GetAsync(Monday, Instant.MinValue);

        (await _shared.GetAsync(Monday, _stores.Clock.GetCurrentInstant() + Duration.FromMinutes(1))).Should().NotBeSameAs(first);
        var second = await _shared.GetAsync(Monday, Instant.MinValue);
        _stores.Clock.Advance(SharedAvailability.MaxAge);
        (await _shared.GetAsync(Monday, Instant.MinValue)).Should().NotBeSameAs(second);
    }
}
