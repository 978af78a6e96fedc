using Booking.Core.Time;
using Booking.Data;
using Booking.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Components.Pages.Audit;

/// <summary>
/// What the audit log is filtered by; every part is optional. Dates are practice-local and both inclusive; the actor
/// and subject type match exactly (they come from drop-downs); the text matches anywhere in the subject id, the action
/// or the before and after snapshots, so a patient's NHS number or a service's name finds the entries about it.
/// </summary>
internal sealed record AuditFilter(LocalDate? From = null, LocalDate? To = null, string? Actor = null, string? SubjectType = null, string? Text = null)
{
    /// <summary>Why the filter cannot be applied, or null.</summary>
    public string? Problem => From is { } from && To is { } to && to < from
        ? "The last date is before the first: swap them or clear one."
        : null;
}

/// <summary>The audit log filtered and paged, newest first, and the actors and subject types there are to filter by.</summary>
internal static class AuditSearch
{
    /// <summary>Most rows one CSV export holds.</summary>
    public const int MaxExportRows = 10_000;

    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, AuditFilter filter)
    {
        if (filter.From is { } from)
        {
            var start = from.AtStartOfDayInZone(PracticeTime.Zone).ToInstant();
            entries = entries.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(PracticeTime.Zone).ToInstant();
            entries = entries.Where(e => e.At < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            entries = entries.Where(e => e.Actor == filter.Actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.SubjectType))
        {
            entries = entries.Where(e => e.SubjectType == filter.SubjectType);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = SearchTerm(filter.Text);
            entries = entries.Where(e =>
                e.SubjectId.ToLower().Contains(text)
                || e.Action.ToLower().Contains(text)
                || (e.Before != null && e.Before.ToLower().Contains(text))
                || (e.After != null && e.After.ToLower().Contains(text)));
        }

        return entries.OrderByDescending(e => e.Id);
    }

    /// <summary>
    /// What the text box is matched as: trimmed, lower case, and a number typed in groups ("943 476 5919", as an NHS
    /// number is printed, or "943-476-5919") as its digits alone, which is how entries hold it.
    /// </summary>
    public static string SearchTerm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        return trimmed.Any(char.IsAsciiDigit) && trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-')
            ? new string([.. trimmed.Where(char.IsAsciiDigit)])
            : trimmed;
    }

    /// <summary>Everyone who has changed something, by name.</summary>
    public static async Task<IReadOnlyList<string>> ActorsAsync(BookingDbContext db, CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Select(e => e.Actor).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    /// <summary>Every kind of thing changed, by name.</summary>
    public static async Task<IReadOnlyList<string>> SubjectTypesAsync(BookingDbContext db, CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Select(e => e.SubjectType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);

    /// <summary>"Tue 24 Nov 2026 10:05:03", practice-local.</summary>
    public static string When(Instant instant) =>
        instant.InZone(PracticeTime.Zone).ToString("ddd d MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
