using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using NodaTime.Testing;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Appointments;

public class AppointmentBookTests
{
    private static readonly AppointmentId FirstId = new(Guid.Parse("00000000-0000-0000-0000-000000000001"));
    private static readonly AppointmentId SecondId = new(Guid.Parse("00000000-0000-0000-0000-000000000002"));

    private readonly FakeClock _clock = TestClock.At(Monday.At(new LocalTime(8, 0)), London);

    private static BookingRequest Request(AppointmentId id, Booking.Core.Scheduling.Slot slot, Channel? channel = null, NhsNumber? patient = null) =>
        new(id, PatientDetails(patient), slot, channel ?? Channel.Reception, Receptionist);

    [Fact]
    public void Book_FreeSlot_BooksAndRecordsInTheLedger()
    {
        var slot = Slot(Monday, 10);
        var ledger = new QuotaLedger();

        var result = new AppointmentBook(Policy()).Book(Request(FirstId, slot), [slot], ledger, _clock.GetCurrentInstant());

        result.Succeeded.Should().BeTrue();
        result.Appointment!.Status.Should().Be(AppointmentStatus.Booked);
        result.Appointment.Slot.Should().Be(slot);
        result.Appointment.CreatedAt.Should().Be(_clock.GetCurrentInstant());
        result.Appointment.CreatedBy.Should().Be(Receptionist);
        result.Appointment.History.Should().ContainSingle();
        ledger.HolderOf(slot.Id)!.Patient.Should().Be(Patient);
    }

    [Fact]
    public void Book_SlotTaken_RefusedWithSlotAlreadyBooked()
    {
        var slot = Slot(Monday, 10);
        var ledger = new QuotaLedger();
        var book = new AppointmentBook(Policy());
        book.Book(Request(FirstId, slot), [slot], ledger, _clock.GetCurrentInstant());

        var second = book.Book(Request(SecondId, slot, patient: OtherPatient), [slot], ledger, _clock.GetCurrentInstant());

        second.Succeeded.Should().BeFalse();
        second.Reasons.Should().ContainSingle().Which.Should().BeOfType<SlotAlreadyBooked>();
        ledger.HolderOf(slot.Id)!.Patient.Should().Be(Patient);
    }

    [Fact]
    public void Book_NotReleasedToOnline_Refused()
    {
        var slot = Slot(Monday, 10);

        var result = new AppointmentBook(Policy()).Book(Request(FirstId, slot, Channel.Online), [slot], new QuotaLedger(), _clock.GetCurrentInstant());

        result.Reasons.Should().ContainSingle().Which.Should().BeOfType<NotReleasedToChannel>();
    }

    [Fact]
    public void Book_111QuotaUsed_RefusedThenFreedByCancel()
    {
        var slots = Session(Monday, 9, 6);
        var policy = Policy([ServiceRule(ReleaseTerms.Open, Nhs111Selector)], [new Quota(1, Nhs111Selector, QuotaPeriod.Day, QuotaLimit.Count(1))]);
        var book = new AppointmentBook(policy);
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var first = book.Book(Request(FirstId, slots[0], Nhs111), slots, ledger, now).Appointment!;

        var refused = book.Book(Request(SecondId, slots[1], Nhs111, OtherPatient), slots, ledger, now);
        refused.Reasons.Should().ContainSingle().Which.Message.Should().Be("111 quota for Monday used");

        book.Cancel(first, CancellationReason.PatientRequest, null, Receptionist, ledger, now).Succeeded.Should().BeTrue();
        book.Book(Request(SecondId, slots[1], Nhs111, OtherPatient), slots, ledger, now).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Book_PatientAtCap_RefusedWithPatientCapReached()
    {
        var slots = Session(Monday, 9, 3);
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], cap: new PatientCap(1, ChannelSelector.Everyone));
        var book = new AppointmentBook(policy);
        var ledger = new QuotaLedger();
        book.Book(Request(FirstId, slots[0], Channel.Online), slots, ledger, _clock.GetCurrentInstant());

        book.Book(Request(SecondId, slots[1], Channel.Online), slots, ledger, _clock.GetCurrentInstant())
            .Reasons.Should().ContainSingle().Which.Should().BeOfType<PatientCapReached>();
    }

    [Fact]
    public void Cancel_BookedAppointment_FreesTheSlotForEveryone()
    {
        var slot = Slot(Monday, 10);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online, ChannelSelector.Reception)]));
        var ledger = new QuotaLedger();
        var appointment = book.Book(Request(FirstId, slot), [slot], ledger, _clock.GetCurrentInstant()).Appointment!;
        _clock.Advance(Duration.FromMinutes(5));

        var cancelled = book.Cancel(appointment, CancellationReason.PatientRequest, "Feeling better", Receptionist, ledger, _clock.GetCurrentInstant());

        cancelled.Succeeded.Should().BeTrue();
        cancelled.Appointment!.Status.Should().Be(AppointmentStatus.Cancelled);
        cancelled.Appointment.CancellationReason.Should().Be(CancellationReason.PatientRequest);
        cancelled.Appointment.ChangedAt.Should().Be(_clock.GetCurrentInstant());
        cancelled.Appointment.History.Select(h => h.To).Should().Equal(AppointmentStatus.Booked, AppointmentStatus.Cancelled);
        ledger.IsBooked(slot.Id).Should().BeFalse();
        book.Policy.WhyNot(new Caller(Channel.Online, OtherPatient), _clock.GetCurrentInstant(), slot, [slot], ledger).Should().BeEmpty();
    }

    [Fact]
    public void Cancel_AlreadyCancelled_RefusedAndLedgerUntouched()
    {
        var slot = Slot(Monday, 10);
        var book = new AppointmentBook(Policy());
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var appointment = book.Book(Request(FirstId, slot), [slot], ledger, now).Appointment!;
        var cancelled = book.Cancel(appointment, CancellationReason.PatientRequest, null, Receptionist, ledger, now).Appointment!;
        book.Book(Request(SecondId, slot, patient: OtherPatient), [slot], ledger, now);

        var again = book.Cancel(cancelled, CancellationReason.PatientRequest, null, Receptionist, ledger, now);

        again.Succeeded.Should().BeFalse();
        again.Refusal!.From.Should().Be(AppointmentStatus.Cancelled);
        ledger.HolderOf(slot.Id)!.Patient.Should().Be(OtherPatient);
    }

    [Fact]
    public void Move_TargetFree_CancelsOriginalAndBooksTarget()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy());
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var original = book.Book(Request(FirstId, slots[0]), slots, ledger, now).Appointment!;

        var moved = book.Move(original, slots[2], SecondId, Channel.Reception, Receptionist, slots, ledger, now);

        moved.Succeeded.Should().BeTrue();
        moved.Cancelled!.CancellationReason.Should().Be(CancellationReason.Moved);
        moved.Booked!.Slot.Should().Be(slots[2]);
        moved.Booked.Patient.Should().Be(original.Patient);
        ledger.IsBooked(slots[0].Id).Should().BeFalse();
        ledger.IsBooked(slots[2].Id).Should().BeTrue();
    }

    [Fact]
    public void Move_TargetTaken_RefusedAndOriginalKept()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy());
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var original = book.Book(Request(FirstId, slots[0]), slots, ledger, now).Appointment!;
        book.Book(Request(SecondId, slots[2], patient: OtherPatient), slots, ledger, now);

        var moved = book.Move(original, slots[2], new AppointmentId(Guid.NewGuid()), Channel.Reception, Receptionist, slots, ledger, now);

        moved.Succeeded.Should().BeFalse();
        moved.Reasons.Should().ContainSingle().Which.Should().BeOfType<SlotAlreadyBooked>();
        ledger.HolderOf(slots[0].Id)!.Patient.Should().Be(Patient);
        original.Status.Should().Be(AppointmentStatus.Booked);
    }

    [Fact]
    public void Move_PatientAtCap_AllowedBecauseTheOriginalIsGivenUp()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], cap: new PatientCap(1, ChannelSelector.Everyone)));
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var original = book.Book(Request(FirstId, slots[0], Channel.Online), slots, ledger, now).Appointment!;

        book.Move(original, slots[1], SecondId, Channel.Online, Receptionist, slots, ledger, now).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Move_CancelledOriginal_Refused()
    {
        var slots = Session(Monday, 9, 3);
        var book = new AppointmentBook(Policy());
        var ledger = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var original = book.Book(Request(FirstId, slots[0]), slots, ledger, now).Appointment!;
        var cancelled = book.Cancel(original, CancellationReason.PatientRequest, null, Receptionist, ledger, now).Appointment!;

        var moved = book.Move(cancelled, slots[1], SecondId, Channel.Reception, Receptionist, slots, ledger, now);

        moved.Succeeded.Should().BeFalse();
        moved.Refusal.Should().NotBeNull();
        ledger.Entries.Should().BeEmpty();
    }

    [Fact]
    public void FromAppointments_CancelledOnes_NotCounted()
    {
        var slots = Session(Monday, 9, 2);
        var book = new AppointmentBook(Policy());
        var scratch = new QuotaLedger();
        var now = _clock.GetCurrentInstant();
        var kept = book.Book(Request(FirstId, slots[0]), slots, scratch, now).Appointment!;
        var dropped = book.Book(Request(SecondId, slots[1], patient: OtherPatient), slots, scratch, now).Appointment!;
        var cancelled = book.Cancel(dropped, CancellationReason.PatientRequest, null, Receptionist, scratch, now).Appointment!;

        var ledger = QuotaLedger.FromAppointments([kept, cancelled]);

        ledger.Entries.Select(e => e.SlotId).Should().Equal(slots[0].Id);
    }

    [Fact]
    public void Record_SecondActiveBookingForASlot_Throws()
    {
        var slot = Slot(Monday, 10);
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slot, Channel.Reception, Patient));

        FluentActions.Invoking(() => ledger.Record(LedgerEntry.For(slot, Channel.Online, OtherPatient)))
            .Should().Throw<InvalidOperationException>();
    }
}
