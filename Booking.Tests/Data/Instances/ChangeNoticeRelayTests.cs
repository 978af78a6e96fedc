using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Data.Instances;
using Booking.Data.Reporting;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data.Instances;

/// <summary>
/// The relay of change notices on a real database (SQLite here, PostgreSQL in the suite's second pass): what a second
/// instance on the same database commits reaches this instance's feeds, once, in commit order, with what it touched,
/// and never what this instance committed itself or what rolled back.
/// </summary>
public sealed class ChangeNoticeRelayTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private SecondInstance _second = null!;
    private readonly List<AppointmentChangeNotice> _heardAppointments = [];
    private readonly List<ConfigurationChangeNotice> _heardConfiguration = [];

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _second = new SecondInstance(_stores);
        _stores.Changes.Subscribe(_heardAppointments.Add);
        _stores.ConfigurationChanges.Subscribe(_heardConfiguration.Add);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PollAsync_ABookingOnAnotherInstance_IsPublishedHereOnce_WithItsAppointmentDayAndSlot()
    {
        var booked = await _second.BookAsync(_practice.Slot(9, 0), patient: 1);
        _heardAppointments.Should().BeEmpty("the other instance's feed is not this one's");

        (await _stores.Relay.PollAsync()).Should().Be(1);
        (await _stores.Relay.PollAsync()).Should().Be(0, "a notice is passed on once");

        var heard = _heardAppointments.Should().ContainSingle().Subject;
        heard.Id.Should().Be(booked.Appointment!.Appointment.Id);
        heard.Action.Should().Be("appointment.booked");
        heard.Dates.Should().Equal(TestPractice.Monday);
        heard.Slots.Should().Equal(_practice.Slot(9, 0));
    }

    [Fact]
    public async Task PollAsync_ThisInstancesOwnChanges_AreNotPublishedAgain()
    {
        var booked = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);
        booked.Succeeded.Should().BeTrue(booked.Message);
        _heardAppointments.Should().ContainSingle("this instance's screens hear its own booking at commit");

        (await _stores.Relay.PollAsync()).Should().Be(0);
        _heardAppointments.Should().ContainSingle();
        (await _stores.CountAsync(db => db.ChangeNotices.Where(n => n.Kind == ChangeNoticeRow.AppointmentKind))).Should().Be(1, "the notice is still recorded for the other instances");
    }

    [Fact]
    public async Task PollAsync_AMoveCancellationAndConfigurationChangeElsewhere_ArePublishedInCommitOrder()
    {
        var booked = await _second.BookAsync(_practice.Slot(9, 0), patient: 1);
        var moved = await _second.Booking.MoveAsync(booked.Appointment!.Appointment.Id, _practice.Slot(10, 0), Channel.Reception, DataStores.Receptionist);
        moved.Succeeded.Should().BeTrue(moved.Message);
        var cancelled = await _second.Booking.CancelAsync(moved.Booked!.Appointment.Id, CancellationReason.PatientRequest, null, DataStores.Receptionist);
        cancelled.Succeeded.Should().BeTrue(cancelled.Message);
        var closed = await _second.Store.AddClosureAsync(TestPractice.Monday.PlusDays(7), "Training", DataStores.Setup);
        closed.Succeeded.Should().BeTrue(closed.Message);

        (await _stores.Relay.PollAsync()).Should().Be(4);

        _heardAppointments.Select(n => n.Action).Should().Equal("appointment.booked", "appointment.moved", "appointment.cancelled");
        _heardAppointments[1].Slots.Should().Equal(_practice.Slot(9, 0), _practice.Slot(10, 0));
        _heardAppointments[2].Id.Should().Be(moved.Booked.Appointment.Id);
        var version = await _stores.Factory.CreateDbContext().Practice.Select(p => p.ConfigurationVersion).SingleAsync();
        _heardConfiguration.Should().ContainSingle().Which.Version.Should().Be(version);
    }

    [Fact]
    public async Task PollAsync_ARefusedBookingElsewhere_LeavesNoNotice()
    {
        await _second.BookAsync(_practice.Slot(9, 0), patient: 1);
        var refused = await _second.Booking.BookAsync(new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(2), Channel.Reception), DataStores.Receptionist);
        refused.Succeeded.Should().BeFalse();

        (await _stores.Relay.PollAsync()).Should().Be(1, "only the booking that committed is a change");
    }

    [Fact]
    public async Task PollAsync_AMultiSlotAppointmentWhoseSlotsDoNotFitOneRow_IsCarriedWhole()
    {
        // Ten adjacent ten-minute slots: more ids than one row's list holds.
        var slots = _practice.MondaySlots().Take(20).ToList();
        var notice = new AppointmentChangeNotice(new AppointmentId(Guid.NewGuid()), "appointment.booked", [TestPractice.Monday], slots);
        await using (var db = await _stores.Factory.CreateDbContextAsync())
        {
            _second.Changes.Record(db, notice, _stores.Clock.GetCurrentInstant());
            await db.SaveChangesAsync();
        }

        (await _stores.CountAsync(db => db.ChangeNotices.Where(n => n.Kind == ChangeNoticeRow.AppointmentKind))).Should().BeGreaterThan(1);
        await _stores.Relay.PollAsync();

        _heardAppointments.SelectMany(n => n.Slots).Should().Equal(slots);
        _heardAppointments.Should().OnlyContain(n => n.Id == notice.Id && n.Dates.SequenceEqual(notice.Dates));
    }

    [Fact]
    public async Task PollAsync_ABacklogLongerThanOneRead_IsPublishedWhole()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var db = await _stores.Factory.CreateDbContextAsync();
            for (var n = 0; n < 250; n++)
            {
                _second.ConfigurationChanges.Record(db, new ConfigurationChangeNotice((i * 250) + n), _stores.Clock.GetCurrentInstant());
            }

            await db.SaveChangesAsync();
        }

        (await _stores.Relay.PollAsync()).Should().Be(750);
        _heardConfiguration.Select(n => n.Version).Should().Equal(Enumerable.Range(0, 750).Select(v => (long)v));
    }

    [Fact]
    public async Task PollAsync_AfterAGapLongerThanHalfTheRetention_EveryoneReadsAfresh()
    {
        _stores.Clock.Advance(ChangeNoticeRelay.Retention / 2 + Duration.FromSeconds(1));

        (await _stores.Relay.PollAsync()).Should().Be(1);

        _heardConfiguration.Should().ContainSingle("notices older than the retention may be gone: a configuration change makes every cache read again");
        _heardAppointments.Should().BeEmpty();
    }

    [Fact]
    public async Task PollAsync_ANoticeOfAKindThisVersionDoesNotKnow_MakesEveryoneReadAfresh()
    {
        await using (var db = await _stores.Factory.CreateDbContextAsync())
        {
            db.ChangeNotices.Add(new ChangeNoticeRow { Instance = Guid.NewGuid(), Kind = "staff", WrittenAt = _stores.Clock.GetCurrentInstant() });
            await db.SaveChangesAsync();
        }

        (await _stores.Relay.PollAsync()).Should().Be(1);

        _heardConfiguration.Should().ContainSingle();
    }

    [Fact]
    public async Task PollAsync_NoticesPastTheRetention_AreDeleted_AndNewerOnesKept()
    {
        await _second.BookAsync(_practice.Slot(9, 0), patient: 1);
        await _stores.Relay.PollAsync();
        _stores.Clock.Advance(ChangeNoticeRelay.Retention + Duration.FromMinutes(1));
        await _second.BookAsync(_practice.Slot(10, 0), patient: 2);

        await _stores.Relay.PollAsync();

        await using var db = await _stores.Factory.CreateDbContextAsync();
        (await db.ChangeNotices.Select(n => n.Slots).ToListAsync()).Should().Equal(_practice.Slot(10, 0).Value);
    }

    [Fact]
    public async Task PollAsync_BeforeStartListening_IsRefused()
    {
        using var relay = new ChangeNoticeRelay(
            _stores.Factory, _stores.Changes, _stores.ConfigurationChanges, _stores.Clock, NullLogger<ChangeNoticeRelay>.Instance);

        var poll = () => relay.PollAsync();

        await poll.Should().ThrowAsync<InvalidOperationException>();
    }

    /// <summary>A second app instance on the same database: its own feeds, caches and instance id, nothing shared in memory.</summary>
    private sealed class SecondInstance
    {
        public SecondInstance(DataStores stores)
        {
            var instance = new AppInstance();
            Changes = new AppointmentChangeFeed(NullLogger<AppointmentChangeFeed>.Instance, instance);
            ConfigurationChanges = new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance, instance);
            Booking = new BookingService(stores.Factory, new PracticeConfigurationProvider(stores.Factory, stores.Clock), Changes,
                new BookingRefusalTally(stores.Factory, NullLogger<BookingRefusalTally>.Instance), stores.Clock, NullLogger<BookingService>.Instance);
            Store = new ConfigurationStore(stores.Factory, stores.Clock, ConfigurationChanges, NullLogger<ConfigurationStore>.Instance);
        }

        public AppointmentChangeFeed Changes { get; }

        public ConfigurationChangeFeed ConfigurationChanges { get; }

        public BookingService Booking { get; }

        public ConfigurationStore Store { get; }

        public async Task<BookingOutcome> BookAsync(SlotId slot, int patient)
        {
            var booked = await Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(patient), Channel.Reception), DataStores.Receptionist);
            booked.Succeeded.Should().BeTrue(booked.Message);
            return booked;
        }
    }
}
