using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Release;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The availability index on a real SQLite file: a judged day is reused while nothing changes, and every kind of change
/// (a booking, a cancellation, a rule, time, a writer in another process) is in the next answer.
/// </summary>
public sealed class AvailabilityIndexTests : IAsyncLifetime
{
    private static readonly DateInterval Monday = new(TestPractice.Monday, TestPractice.Monday);
    private static readonly Caller Reception = new(Channel.Reception);
    private static readonly Caller Online = new(Channel.Online);
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
    public async Task GetAsync_NothingChanged_ReusesTheDaysJudgement()
    {
        var first = await _stores.Index.GetAsync(Reception, Monday);
        var second = await _stores.Index.GetAsync(Reception, Monday);

        second.Should().BeSameAs(first);
        first.Offered.Should().HaveCount(TestPractice.SlotsPerSession);
    }

    [Fact]
    public async Task GetAsync_AfterABookingCommitted_NoLongerOffersTheSlot_AndAfterItsCancellation_OffersItAgain()
    {
        var before = await _stores.Index.GetAsync(Reception, Monday);

        var booked = await BookAsync(_practice.Slot(9, 0));
        var after = await _stores.Index.GetAsync(Reception, Monday);

        after.Should().NotBeSameAs(before);
        after.Offered.Select(s => s.Id).Should().NotContain(_practice.Slot(9, 0));
        after.ReasonsFor(_practice.Slot(9, 0)).Should().ContainSingle().Which.Should().BeOfType<SlotAlreadyBooked>();

        var cancelled = await _stores.Booking.CancelAsync(booked.Appointment.Id, CancellationReason.PatientRequest, null, DataStores.Receptionist);
        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        (await _stores.Index.GetAsync(Reception, Monday)).Offered.Select(s => s.Id).Should().Contain(_practice.Slot(9, 0));
    }

    [Fact]
    public async Task GetAsync_AfterAReleaseRuleChange_JudgesWithTheNewRule()
    {
        (await _stores.Index.GetAsync(Online, Monday)).Offered.Should().NotBeEmpty();

        var changed = await _stores.Store.ChangeReleaseRuleAsync(
            _practice.RuleId,
            new ReleaseRuleSpec(ReleaseScope.ForService(_practice.ServiceId), [new(ChannelSelectorSpec.Reception)], ReleaseTerms.Open),
            Today(), DataStores.Setup);

        changed.Succeeded.Should().BeTrue(changed.Message);
        var online = await _stores.Index.GetAsync(Online, Monday);
        online.Offered.Should().BeEmpty();
        online.ReasonsFor(_practice.Slot(9, 0)).Should().ContainSingle().Which.Should().BeOfType<NotReleasedToChannel>();
    }

    [Fact]
    public async Task GetAsync_AnEmbargoLifts_WithNoChangeButTime()
    {
        var changed = await _stores.Store.ChangeReleaseRuleAsync(
            _practice.RuleId,
            new ReleaseRuleSpec(
                ReleaseScope.ForService(_practice.ServiceId),
                [new(ChannelSelectorSpec.Reception), new(ChannelSelectorSpec.Online)],
                new ReleaseTerms(Embargo: ReleaseTime.OnTheDayAt(new LocalTime(8, 0)))),
            Today(), DataStores.Setup);
        changed.Succeeded.Should().BeTrue(changed.Message);
        var embargoed = await _stores.Index.GetAsync(Online, Monday);
        embargoed.Offered.Should().BeEmpty();
        embargoed.ReasonsFor(_practice.Slot(9, 0)).Should().ContainSingle().Which.Should().BeOfType<Embargoed>();

        // Monday 07:59:59.999999999, then 08:00: nothing but the clock moves.
        var gun = TestPractice.Monday.At(new LocalTime(8, 0)).InZoneStrictly(Booking.Core.Time.PracticeTime.Zone).ToInstant();
        _stores.Clock.Reset(gun - Duration.Epsilon);
        (await _stores.Index.GetAsync(Online, Monday)).Offered.Should().BeEmpty();
        _stores.Clock.Reset(gun);

        var opened = await _stores.Index.GetAsync(Online, Monday);
        opened.Offered.Should().HaveCount(TestPractice.SlotsPerSession - 1, "the 08:00 slot has started");
        opened.ReasonsFor(_practice.Slot(8, 0)).Should().ContainSingle().Which.Should().BeOfType<SlotStarted>();
    }

    [Fact]
    public async Task GetAsync_ABookingByAnotherInstance_IsSeenOnceTheRelayReadsItsNotice()
    {
        (await _stores.Index.GetAsync(Reception, Monday)).Offered.Select(s => s.Id).Should().Contain(_practice.Slot(9, 0));

        // A second instance on the same database: its change notice reaches this index only through the relay.
        var elsewhere = await _stores.SecondBookingService().BookAsync(
            new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);
        elsewhere.Succeeded.Should().BeTrue(elsewhere.Message);
        (await _stores.Index.GetAsync(Reception, Monday)).Offered.Select(s => s.Id).Should().Contain(
            _practice.Slot(9, 0), "until the relay reads the notice the index keeps the day it judged (the booking still decides under the lock)");

        (await _stores.Relay.PollAsync()).Should().Be(1);
        var after = await _stores.Index.GetAsync(Reception, Monday);
        after.Offered.Select(s => s.Id).Should().NotContain(_practice.Slot(9, 0));
        after.Verdicts.Should().BeEquivalentTo((await _stores.Queries.GetAvailabilityAsync(Reception, Monday)).Verdicts, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task GetOfferedAsync_EachDayInStartOrder_TheSameSlotsAsTheOnDemandAnswer()
    {
        await BookAsync(_practice.Slot(10, 0));
        var fortnight = new DateInterval(TestPractice.Monday, TestPractice.Monday.PlusDays(13));

        var offered = await _stores.Index.GetOfferedAsync(Channel.Online, fortnight);

        offered.Days.Should().HaveCount(14);
        var expected = (await _stores.Queries.GetAvailabilityAsync(Online, fortnight)).Offered
            .OrderBy(s => s.Start).ThenBy(s => s.Id.Value, StringComparer.Ordinal).Select(s => s.Id);
        offered.InStartOrder.Select(s => s.Id).Should().Equal(expected);
    }

    [Fact]
    public async Task GetAsync_ForAPatient_AppliesTheirCapLikeTheOnDemandAnswer()
    {
        var patientCaller = new Caller(Channel.Online, DataStores.Patient(1));
        await BookAsync(_practice.Slot(10, 0));

        (await _stores.Index.GetAsync(patientCaller, Monday)).Verdicts
            .Should().BeEquivalentTo((await _stores.Queries.GetAvailabilityAsync(patientCaller, Monday)).Verdicts, o => o.WithStrictOrdering());
    }

    private LocalDate Today() => _stores.Clock.GetCurrentInstant().InZone(Booking.Core.Time.PracticeTime.Zone).Date;

    private async Task<StoredAppointment> BookAsync(SlotId slot)
    {
        var booked = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);
        booked.Succeeded.Should().BeTrue(booked.Message);
        return booked.Appointment!;
    }
}
