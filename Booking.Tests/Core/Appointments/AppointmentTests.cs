using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Appointments;

public class AppointmentTests
{
    private static readonly Slot TenOClock = Slot(Monday, 10);

    private static Appointment Booked(Instant? at = null) =>
        new AppointmentBook(Policy())
            .Book(new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), TenOClock, Channel.Reception, Receptionist), [TenOClock], new QuotaLedger(), at ?? At(Monday.PlusDays(-3), 12))
            .Appointment!;

    [Fact]
    public void MarkArrived_OnTheDay_Arrives()
    {
        var result = Booked().MarkArrived(Receptionist, At(Monday, 9, 50));

        result.Succeeded.Should().BeTrue();
        result.Appointment!.Status.Should().Be(AppointmentStatus.Arrived);
        result.Appointment.History.Should().HaveCount(2);
        result.Appointment.History[^1].From.Should().Be(AppointmentStatus.Booked);
    }

    [Fact]
    public void MarkArrived_DayBefore_Refused() =>
        Booked().MarkArrived(Receptionist, At(Monday.PlusDays(-1), 16)).Succeeded.Should().BeFalse();

    [Fact]
    public void MarkArrived_JustAfterLocalMidnightInSummerTime_Allowed() =>
        // 00:30 BST is 23:30 UTC the day before: the appointment's own offset decides the day.
        Booked().MarkArrived(Receptionist, At(Monday, 0, 30)).Succeeded.Should().BeTrue();

    [Fact]
    public void MarkArrived_Cancelled_Refused()
    {
        var ledger = new QuotaLedger();
        var appointment = Booked();
        appointment.ToLedgerEntries().ToList().ForEach(ledger.Record);
        var cancelled = new AppointmentBook(Policy()).Cancel(appointment, CancellationReason.PracticeRequest, null, Receptionist, ledger, At(Monday, 8)).Appointment!;

        var result = cancelled.MarkArrived(Receptionist, At(Monday, 9, 55));

        result.Succeeded.Should().BeFalse();
        result.Refusal!.Message.Should().Be("Only a booked appointment can be marked arrived; this one is cancelled.");
    }

    [Fact]
    public void MarkDidNotAttend_BeforeStart_Refused() =>
        Booked().MarkDidNotAttend(Receptionist, At(Monday, 9, 59)).Refusal!.To.Should().Be(AppointmentStatus.DidNotAttend);

    [Fact]
    public void MarkDidNotAttend_AfterEnd_Recorded() =>
        Booked().MarkDidNotAttend(Receptionist, At(Monday, 10, 15)).Appointment!.Status.Should().Be(AppointmentStatus.DidNotAttend);

    [Fact]
    public void MarkDidNotAttend_DuringTheSlot_RefusedWithWhenItEnds()
    {
        var result = Booked().MarkDidNotAttend(Receptionist, TenOClock.End - Duration.FromMinutes(1));

        result.Succeeded.Should().BeFalse();
        result.Refusal!.Message.Should().Contain($"once the appointment has ended, at {TenOClock.LocalEnd.TimeOfDay:HH':'mm}");
    }

    [Fact]
    public void MarkDidNotAttend_AtTheEnd_Recorded() =>
        Booked().MarkDidNotAttend(Receptionist, TenOClock.End).Succeeded.Should().BeTrue("the end is exclusive: at it the slot is over");

    [Fact]
    public void UndoOutcome_Arrived_BackToBookedWithTheUndoInHistory()
    {
        var arrived = Booked().MarkArrived(Receptionist, At(Monday, 9, 55)).Appointment!;

        var undone = arrived.UndoOutcome(Receptionist, At(Monday, 9, 56)).Appointment!;

        undone.Status.Should().Be(AppointmentStatus.Booked);
        undone.History.Should().HaveCount(3);
        (undone.History[^1].From, undone.History[^1].To).Should().Be((AppointmentStatus.Arrived, AppointmentStatus.Booked));
        undone.MarkArrived(Receptionist, At(Monday, 9, 58)).Succeeded.Should().BeTrue("after an undo the appointment is booked like before");
    }

    [Fact]
    public void UndoOutcome_DidNotAttend_BackToBookedAndCanArrive()
    {
        var missed = Booked().MarkDidNotAttend(Receptionist, At(Monday, 10, 15)).Appointment!;

        var undone = missed.UndoOutcome(Receptionist, At(Monday, 10, 16)).Appointment!;

        undone.Status.Should().Be(AppointmentStatus.Booked);
        undone.MarkArrived(Receptionist, At(Monday, 10, 17)).Appointment!.Status.Should().Be(AppointmentStatus.Arrived);
    }

    [Fact]
    public void UndoOutcome_Booked_Refused() =>
        Booked().UndoOutcome(Receptionist, At(Monday, 9, 0)).Refusal!.Message
            .Should().Be("Only an arrival or a did-not-attend can be undone; this appointment is booked.");

    [Fact]
    public void UndoOutcome_Fulfilled_Refused() =>
        Booked().MarkFulfilled(Receptionist, At(Monday, 10, 5)).Appointment!
            .UndoOutcome(Receptionist, At(Monday, 10, 6)).Succeeded.Should().BeFalse();

    [Fact]
    public void MarkDidNotAttend_Arrived_Refused() =>
        Booked().MarkArrived(Receptionist, At(Monday, 9, 55)).Appointment!
            .MarkDidNotAttend(Receptionist, At(Monday, 10, 15)).Succeeded.Should().BeFalse();

    [Fact]
    public void MarkFulfilled_FromArrived_Fulfilled() =>
        Booked().MarkArrived(Receptionist, At(Monday, 9, 55)).Appointment!
            .MarkFulfilled(Receptionist, At(Monday, 10, 10)).Appointment!.Status.Should().Be(AppointmentStatus.Fulfilled);

    [Fact]
    public void MarkFulfilled_BookedTelephoneAfterStart_Fulfilled() =>
        Booked().MarkFulfilled(Receptionist, At(Monday, 10, 5)).Succeeded.Should().BeTrue();

    [Fact]
    public void MarkFulfilled_BookedBeforeStart_Refused() =>
        Booked().MarkFulfilled(Receptionist, At(Monday, 9, 0)).Succeeded.Should().BeFalse();

    [Fact]
    public void MarkArrived_AfterDidNotAttend_Refused() =>
        Booked().MarkDidNotAttend(Receptionist, At(Monday, 10, 15)).Appointment!
            .MarkArrived(Receptionist, At(Monday, 10, 20)).Succeeded.Should().BeFalse();

    [Fact]
    public void Cancel_AfterTheSlotEnded_Refused()
    {
        var ledger = new QuotaLedger();
        var appointment = Booked();
        appointment.ToLedgerEntries().ToList().ForEach(ledger.Record);

        var result = new AppointmentBook(Policy()).Cancel(appointment, CancellationReason.PatientRequest, null, Receptionist, ledger, At(Monday, 10, 10));

        result.Succeeded.Should().BeFalse();
        ledger.IsBooked(TenOClock.Id).Should().BeTrue();
    }

    [Fact]
    public void Restore_StoredFacts_RoundTrip()
    {
        var original = Booked().MarkArrived(Receptionist, At(Monday, 9, 55)).Appointment!;

        var restored = Appointment.Restore(original.Id, original.Patient, original.Slot, original.Channel, original.Status, null, original.History);

        restored.Status.Should().Be(AppointmentStatus.Arrived);
        restored.ChangedAt.Should().Be(At(Monday, 9, 55));
        restored.CreatedAt.Should().Be(original.CreatedAt);
    }

    [Fact]
    public void Restore_HistoryNotEndingInStatus_Throws()
    {
        var original = Booked();

        FluentActions.Invoking(() => Appointment.Restore(original.Id, original.Patient, original.Slot, original.Channel, AppointmentStatus.Arrived, null, original.History))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void BookingOrganisation_BookedBy111_IsTheOdsCode()
    {
        var appointment = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)]))
            .Book(new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(), TenOClock, Nhs111, new Actor("client-111", "NHS 111")), [TenOClock], new QuotaLedger(), At(Monday, 8))
            .Appointment!;

        appointment.BookingOrganisation!.Value.Value.Should().Be("NHS111");
    }
}
