using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

public sealed class AppointmentChangeFeedTests : IAsyncLifetime
{
    private readonly List<AppointmentChangeNotice> _notices = [];
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private IDisposable _subscription = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _subscription = _stores.Changes.Subscribe(_notices.Add);
    }

    public Task DisposeAsync()
    {
        _subscription.Dispose();
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BookCancelMove_EachCommittedChange_PublishesOneNoticeWithTheDaysItTouched()
    {
        var nextMonday = TestPractice.Monday.PlusWeeks(1);
        var booked = await BookAsync(_practice.Slot(9, 0), 1);
        var moved = await _stores.Booking.MoveAsync(booked.Id, _practice.Slot(9, 0, nextMonday), Channel.Reception, DataStores.Receptionist);
        await _stores.Booking.CancelAsync(moved.Booked!.Appointment.Id, CancellationReason.PatientRequest, null, DataStores.Receptionist);

        _notices.Select(n => (n.Action, n.Id)).Should().Equal(
            ("appointment.booked", booked.Id),
            ("appointment.moved", booked.Id),
            ("appointment.cancelled", moved.Booked.Appointment.Id));
        _notices[0].Dates.Should().Equal(TestPractice.Monday);
        _notices[1].Dates.Should().Equal(TestPractice.Monday, nextMonday);
        _notices[2].Dates.Should().Equal(nextMonday);
    }

    [Fact]
    public async Task BookAsync_RefusedBooking_PublishesNothing()
    {
        await BookAsync(_practice.Slot(9, 0), 1);
        _notices.Clear();

        var second = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(2), Channel.Reception), DataStores.Receptionist);

        second.Succeeded.Should().BeFalse();
        _notices.Should().BeEmpty("nothing committed, so no screen needs to redraw");
    }

    [Fact]
    public async Task Publish_SubscriberThrows_BookingStillSucceedsAndLaterSubscribersHearIt()
    {
        using var broken = _stores.Changes.Subscribe(_ => throw new InvalidOperationException("screen gone"));
        var heard = new List<AppointmentChangeNotice>();
        using var later = _stores.Changes.Subscribe(heard.Add);

        var outcome = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9, 10), DataStores.PatientDetails(3), Channel.Reception), DataStores.Receptionist);

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        heard.Should().ContainSingle().Which.Action.Should().Be("appointment.booked");
    }

    [Fact]
    public async Task Subscribe_AfterDispose_HearsNothingMore()
    {
        _subscription.Dispose();

        await BookAsync(_practice.Slot(9, 20), 4);

        _notices.Should().BeEmpty();
    }

    [Fact]
    public void Touches_RangeWithOrWithoutTheDay_AnswersWhetherAScreenShowingItMustRedraw()
    {
        var notice = new AppointmentChangeNotice(new AppointmentId(Guid.NewGuid()), "appointment.moved", [new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 8)], []);

        notice.Touches(new DateInterval(new LocalDate(2026, 6, 8), new LocalDate(2026, 6, 14))).Should().BeTrue();
        notice.Touches(new DateInterval(new LocalDate(2026, 6, 2), new LocalDate(2026, 6, 7))).Should().BeFalse();
    }

    private async Task<Appointment> BookAsync(SlotId slot, int patient)
    {
        var outcome = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(patient), Channel.Reception), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!.Appointment;
    }
}
