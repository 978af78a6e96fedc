using Booking.Core.Release;
using Microsoft.AspNetCore.Components;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>
/// The state of a slot in words and colour (never colour alone). Drawn inline rather than as a component: a large
/// practice's day has about a thousand rows, and a component per badge cost every open book a thousand component
/// instances and their render trees.
/// </summary>
internal static class SlotStateBadge
{
    public static RenderFragment For(BookSlot slot) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "reception-badge reception-badge-" + slot.State.ToString().ToLowerInvariant());
        builder.AddContent(2, Text(slot));
        builder.CloseElement();
    };

    public static string Text(BookSlot slot) => slot.State switch
    {
        SlotState.Free => "Free",
        SlotState.Booked when slot.Appointment is { } held => Formats.Status(held.Appointment.Status),
        SlotState.Reserved => "Reserved",
        _ when slot.Reasons.Any(r => r is SlotStarted) => "Started",
        _ when slot.Reasons.Any(r => r is Embargoed) => "Embargoed",
        _ => "Withheld",
    };
}
