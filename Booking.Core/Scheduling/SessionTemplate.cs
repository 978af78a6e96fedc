using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// A recurring session: one practitioner at one site on one weekday, with a layout, a week pattern and
/// an effective date range (both ends inclusive; no end means until further notice). E.g. "Dr Patel, Main
/// site, Monday 08:30–11:30, 10-minute GP slots, 11:00–11:10 break, weeks 1 and 3 of 4, from 5 January 2026".
/// </summary>
public sealed class SessionTemplate
{
    /// <summary>Creates a template; <paramref name="pattern"/> defaults to <see cref="WeekPattern.EveryWeek"/>.</summary>
    public SessionTemplate(
        int id,
        int practitionerId,
        int siteId,
        IsoDayOfWeek dayOfWeek,
        SessionLayout layout,
        LocalDate effectiveFrom,
        LocalDate? effectiveTo = null,
        WeekPattern? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (dayOfWeek is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(dayOfWeek), dayOfWeek, "A template runs on one day of the week.");
        }

        if (effectiveTo < effectiveFrom)
        {
            throw new ArgumentException("A template's effective range ends on or after its start.", nameof(effectiveTo));
        }

        Id = Require.PositiveId(id, nameof(id));
        PractitionerId = Require.PositiveId(practitionerId, nameof(practitionerId));
        SiteId = Require.PositiveId(siteId, nameof(siteId));
        DayOfWeek = dayOfWeek;
        Layout = layout;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Pattern = pattern ?? WeekPattern.EveryWeek;
    }

    /// <summary>Storage id; part of every slot id the template produces, so it must never be reused.</summary>
    public int Id { get; }

    /// <summary>Who runs the session.</summary>
    public int PractitionerId { get; }

    /// <summary>Where the session runs.</summary>
    public int SiteId { get; }

    /// <summary>The weekday the session runs on.</summary>
    public IsoDayOfWeek DayOfWeek { get; }

    /// <summary>Times and segments.</summary>
    public SessionLayout Layout { get; }

    /// <summary>First date the template may run (inclusive).</summary>
    public LocalDate EffectiveFrom { get; }

    /// <summary>Last date the template may run (inclusive), or null when open-ended.</summary>
    public LocalDate? EffectiveTo { get; }

    /// <summary>Which weeks it runs.</summary>
    public WeekPattern Pattern { get; }

    /// <summary>The source every slot of this template carries.</summary>
    public SessionSource Source => new(SessionSourceKind.Template, Id);

    /// <summary>True when the template is scheduled on <paramref name="date"/>, before day edits, closures and leave.</summary>
    public bool RunsOn(LocalDate date) =>
        date.DayOfWeek == DayOfWeek
        && date >= EffectiveFrom
        && (EffectiveTo is not { } last || date <= last)
        && Pattern.Matches(date);
}
