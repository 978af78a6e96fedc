using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using FluentAssertions;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Appointments;

public class AffectedAppointmentsTests
{
    private static Appointment BookedInto(Slot slot, NhsNumber? patient = null) =>
        new AppointmentBook(Policy())
            .Book(new BookingRequest(new AppointmentId(Guid.NewGuid()), PatientDetails(patient), slot, Channel.Reception, Receptionist), [slot], new QuotaLedger(), At(Monday.PlusDays(-7), 12))
            .Appointment!;

    [Fact]
    public void From_LeaveSuppressesBookedSlot_ListsAppointmentWithPractitionerName()
    {
        var slot = Slot(Monday, 10, practitioner: 4);
        var appointment = BookedInto(slot);
        var impact = new[] { new AffectedSlot(slot, SlotImpact.Suppressed, slot, new PractitionerOnLeave(4, 1)) };

        var affected = AffectedAppointments.From(impact, [appointment], id => id == 4 ? "Dr Patel" : null);

        affected.Should().ContainSingle();
        affected[0].Appointment.Should().BeSameAs(appointment);
        affected[0].Explanation.Should().Be("Dr Patel on leave");
    }

    [Fact]
    public void From_BankHoliday_ExplainsTheClosure()
    {
        var slot = Slot(Monday, 10);
        var impact = new[] { new AffectedSlot(slot, SlotImpact.Suppressed, slot, new ClosedForBankHoliday("Christmas Day")) };

        AffectedAppointments.From(impact, [BookedInto(slot)]).Single().Explanation
            .Should().Be("Practice closed: bank holiday (Christmas Day)");
    }

    [Fact]
    public void From_ChangedAndRemoved_InStartOrderAndUnbookedIgnored()
    {
        var nine = Slot(Monday, 9);
        var ten = Slot(Monday, 10);
        var eleven = Slot(Monday, 11);
        var impact = new[]
        {
            new AffectedSlot(ten, SlotImpact.Changed, Slot(Monday, 10, practitioner: 2), null),
            new AffectedSlot(nine, SlotImpact.Removed, null, null),
            new AffectedSlot(eleven, SlotImpact.Removed, null, null),
        };

        var affected = AffectedAppointments.From(impact, [BookedInto(ten), BookedInto(nine, OtherPatient)]);

        affected.Select(a => a.Appointment.Slot.Id).Should().Equal(nine.Id, ten.Id);
        affected[0].Explanation.Should().Be("The rota no longer has this slot");
        affected[1].Explanation.Should().Be("The slot's practitioner changed");
        affected[1].ProposedSlot!.PractitionerId.Should().Be(2);
    }

    [Fact]
    public void BookedSlotIds_OnlyBookedAppointments()
    {
        var slot = Slot(Monday, 10);
        var arrived = BookedInto(slot).MarkArrived(Receptionist, At(Monday, 9, 55)).Appointment!;

        AffectedAppointments.BookedSlotIds([arrived, BookedInto(Slot(Monday, 11))]).Should().Equal(Slot(Monday, 11).Id);
    }
}
