using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>
/// Everything one cell of the day grid draws, as plain values: two views are equal exactly when the cell would look and
/// read the same, so a cell redraws only when its own slot changed (a booking elsewhere leaves it alone).
/// </summary>
/// <param name="SlotId">The slot the cell opens, or null for an empty cell or the continuation of a longer slot.</param>
/// <param name="State">The state's css name: free, booked, contact (booked, but taken away by a rota change), arrived, dna, seen, reserved, withheld; or empty.</param>
/// <param name="Text">The first line: Free, the patient's name, Reserved, or why it is withheld in a word.</param>
/// <param name="Detail">The second line: the service, the appointment's status, whom it is held for, or the reason.</param>
/// <param name="Label">What a screen reader says: time, clinician and state, and what opening the cell does.</param>
/// <param name="Selected">Whether the side panel shows this cell's slot.</param>
/// <param name="Continues">Whether the cell is a later row of a slot that started above it (drawn in its colour, without words).</param>
public sealed record BookGridCellView(string? SlotId, string State, string Text, string Detail, string Label, bool Selected, bool Continues = false)
{
    /// <summary>The view of <paramref name="entry"/> at <paramref name="time"/> in <paramref name="column"/> on <paramref name="date"/>.</summary>
    public static BookGridCellView For(
        BookGridEntry? entry, LocalDate date, LocalTime time, BookGridColumn column, PracticeConfiguration config, string? selectedSlotId)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(config);
        var at = $"{Formats.ShortDay(date)} {Formats.Time(date + time)} {column.Name}";
        if (entry is not { } held)
        {
            return new BookGridCellView(null, "empty", "", "", $"{at}, no slot", false);
        }

        var slot = held.Slot;
        var state = StateName(slot);
        var text = FirstLine(slot);
        if (!held.Starts)
        {
            return new BookGridCellView(
                null, state, "", "", $"{at}, part of the {Formats.Time(slot.Slot.LocalStart)} slot, {text.ToLowerInvariant()}", false, Continues: true);
        }

        var service = SlotSummary.Service(config, slot.Slot.ServiceId);
        var selected = slot.Slot.Id.Value == selectedSlotId;
        return slot.State switch
        {
            SlotState.Free => new(slot.Slot.Id.Value, state, text, service, $"Book {at}, free, {service}", selected),
            // A closure, leave or rota change took this booked slot away: reception's work until it is moved or cancelled.
            SlotState.Booked when slot.Appointment is { } booked && slot.ContactReason is { } why => new(
                slot.Slot.Id.Value, "contact", booked.Appointment.Patient.Name, $"{why}: contact the patient",
                $"Open appointment {at}, {booked.Appointment.Patient.Name}, {why}: contact the patient, {service}",
                selected),
            SlotState.Booked when slot.Appointment is { } booked => new(
                slot.Slot.Id.Value, state, booked.Appointment.Patient.Name, Formats.Status(booked.Appointment.Status),
                $"Open appointment {at}, {booked.Appointment.Patient.Name}, {Formats.Status(booked.Appointment.Status).ToLowerInvariant()}, {service}",
                selected),
            SlotState.Reserved => new(
                slot.Slot.Id.Value, state, text, HeldFor(slot), $"Why not offered: {at}, reserved {HeldFor(slot)}: {slot.WhyNotOffered}", selected),
            _ => new(slot.Slot.Id.Value, state, text, slot.WhyNotOffered, $"Why not offered: {at}, {text.ToLowerInvariant()}: {slot.WhyNotOffered}", selected),
        };
    }

    private static string StateName(BookSlot slot) => slot.State switch
    {
        SlotState.Free => "free",
        SlotState.Booked => slot.Appointment?.Appointment.Status switch
        {
            AppointmentStatus.Arrived => "arrived",
            AppointmentStatus.DidNotAttend => "dna",
            AppointmentStatus.Fulfilled => "seen",
            _ => "booked",
        },
        SlotState.Reserved => "reserved",
        _ => "withheld",
    };

    private static string FirstLine(BookSlot slot) => slot.State switch
    {
        SlotState.Booked when slot.Appointment is { } booked => booked.Appointment.Patient.Name,
        _ => SlotStateBadge.Text(slot),
    };

    private static string HeldFor(BookSlot slot) =>
        slot.Reasons.OfType<HeldForOtherChannel>().FirstOrDefault() is { } held ? "for " + held.HeldFor : "for another channel";
}
