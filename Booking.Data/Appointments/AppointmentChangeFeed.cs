using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Instances;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

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
/// Tells the screens open in this process that an appointment changed, the moment its transaction commits (and, through
/// <see cref="ChangeNoticeRelay"/>, soon after one another instance committed), so an appointment book shows a booking
/// made at another desk or through the FHIR API at once, without polling the appointments.
/// </summary>
public sealed class AppointmentChangeFeed(ILogger<AppointmentChangeFeed> logger, AppInstance? instance = null)
    : ChangeFeed<AppointmentChangeNotice>(logger, instance)
{
    /// <summary>Slots per row: a multi-slot appointment's list that would not fit one row is carried by several.</summary>
    private const int SlotsPerRow = ChangeNoticeRow.ListMaxLength / (SlotId.MaxLength + 1);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private protected override IEnumerable<ChangeNoticeRow> ToRows(AppointmentChangeNotice notice)
    {
        // A notice touches one or two days, so the dates always fit; each row names them all.
        var dates = string.Join(' ', notice.Dates.Select(DatePattern.Format));
        foreach (var slots in notice.Slots.Count == 0 ? [[]] : notice.Slots.Chunk(SlotsPerRow))
        {
            yield return new ChangeNoticeRow
            {
                Kind = ChangeNoticeRow.AppointmentKind,
                AppointmentId = notice.Id.Value,
                Action = notice.Action,
                Dates = dates,
                Slots = string.Join(' ', slots.Select(s => s.Value)),
            };
        }
    }

    internal override AppointmentChangeNotice? FromRow(ChangeNoticeRow row)
    {
        if (row.Kind != ChangeNoticeRow.AppointmentKind || row.AppointmentId is not { } id || row.Action is null)
        {
            return null;
        }

        var dates = new List<LocalDate>();
        foreach (var text in Words(row.Dates))
        {
            if (!DatePattern.Parse(text).TryGetValue(default, out var date))
            {
                return null;
            }

            dates.Add(date);
        }

        var slots = new List<SlotId>();
        foreach (var text in Words(row.Slots))
        {
            if (!SlotId.TryParse(text, out var slot, out _, out _))
            {
                return null;
            }

            slots.Add(slot);
        }

        return new AppointmentChangeNotice(new AppointmentId(id), row.Action, dates, slots);
    }

    private static string[] Words(string? list) => list?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
