using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// A one-off change to one template on one date: cancel that day's session, or replace its times and
/// segments. A replaced session keeps the template's source, so slots whose local start is unchanged keep
/// their ids (and their bookings). At most one edit per template and date.
/// </summary>
public sealed class DayEdit
{
    /// <summary>Longest cancellation reason accepted; storage reuses it.</summary>
    public const int MaxReasonLength = 200;

    private DayEdit(int templateId, LocalDate date, SessionLayout? replacement, string? cancellationReason)
    {
        TemplateId = Require.PositiveId(templateId, nameof(templateId));
        Date = date;
        Replacement = replacement;
        CancellationReason = cancellationReason;
    }

    /// <summary>The template edited.</summary>
    public int TemplateId { get; }

    /// <summary>The one date affected.</summary>
    public LocalDate Date { get; }

    /// <summary>The layout that runs instead, or null when the session is cancelled.</summary>
    public SessionLayout? Replacement { get; }

    /// <summary>Why the session is cancelled, e.g. "Dr Patel at a CCG meeting"; null for a replacement.</summary>
    public string? CancellationReason { get; }

    /// <summary>Cancels the template's session on <paramref name="date"/>.</summary>
    public static DayEdit Cancel(int templateId, LocalDate date, string reason) =>
        new(templateId, date, null, Require.Text(reason, MaxReasonLength, nameof(reason)));

    /// <summary>Runs <paramref name="layout"/> instead of the template's layout on <paramref name="date"/>.</summary>
    public static DayEdit Replace(int templateId, LocalDate date, SessionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new DayEdit(templateId, date, layout, null);
    }
}
