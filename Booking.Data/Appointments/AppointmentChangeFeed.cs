using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>An appointment changed and its transaction committed: which one, what happened and which days and slots it touched.</summary>
/// <param name="Id">The appointment that changed (after a move, the original).</param>
/// <param name="Action">The audit action, e.g. <c>appointment.booked</c>.</param>
/// <param name="Dates">The practice-local dates of the slots involved (a move touches two).</param>
/// <param name="Slots">The slots involved (a move touches two), so a screen re-reads only their holders.</param>
public sealed record AppointmentChangeNotice(AppointmentId Id, string Action, IReadOnlyList<LocalDate> Dates, IReadOnlyList<SlotId> Slots)
{
    /// <summary>Whether the change touched a day in <paramref name="range"/>.</summary>
    public bool Touches(DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return Dates.Any(range.Contains);
    }
}

/// <summary>
/// Tells the screens open in this process that an appointment changed, the moment its transaction commits, so an
/// appointment book shows a booking made at another desk or through the FHIR API at once, without polling.
/// </summary>
public sealed class AppointmentChangeFeed(ILogger<AppointmentChangeFeed> logger) : ChangeFeed<AppointmentChangeNotice>(logger);
