using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>A day edit in force, with the storage id it is withdrawn by (Core's <see cref="DayEdit"/> carries none).</summary>
public sealed record StoredDayEdit(int Id, DayEdit Edit);

/// <summary>
/// What the rota editor reads besides the configuration: the day edits in force with their ids, the session templates'
/// row versions, and, before a change is saved, the booked appointments from a date on that a proposed rota would
/// remove, withhold or change (rule 4).
/// </summary>
public sealed class RotaEditorQueries(IDbContextFactory<BookingDbContext> dbFactory, PracticeConfigurationProvider configuration)
{
    /// <summary>The day edits in force on <paramref name="dates"/> (both ends inclusive), by date then template.</summary>
    public async Task<IReadOnlyList<StoredDayEdit>> GetDayEditsAsync(DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (first, last) = (dates.Start, dates.End);
        var rows = await db.DayEdits.AsNoTracking()
            .Where(e => e.WithdrawnAt == null && e.Date >= first && e.Date <= last)
            .OrderBy(e => e.Date).ThenBy(e => e.TemplateId)
            .ToListAsync(cancellationToken);
        return rows.Select(row => new StoredDayEdit(row.Id, RowMapping.ToDayEdit(row))).ToList();
    }

    /// <summary>
    /// Every session template's row version by template id, passed back as the expected version when one is changed so
    /// that a change someone else saved in between is refused rather than overwritten.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> GetSessionTemplateVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SessionTemplates.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Version, cancellationToken);
    }

    /// <summary>
    /// The booked appointments dated <paramref name="from"/> or later that <paramref name="proposed"/> would affect compared
    /// with the stored rota, as the store will report them once the change is saved; empty when none are booked that late.
    /// </summary>
    public async Task<IReadOnlyList<AffectedAppointment>> GetAffectedFromAsync(Rota proposed, LocalDate from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await configuration.GetAsync(db, cancellationToken)
            ?? throw new InvalidOperationException("No practice is configured in this database.");
        var lastBooked = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.Booked && a.SlotDate >= from)
            .OrderByDescending(a => a.SlotDate)
            .Select(a => (LocalDate?)a.SlotDate)
            .FirstOrDefaultAsync(cancellationToken);
        return lastBooked is { } last
            ? await BookingQueries.AffectedAppointmentsAsync(db, config, proposed, new DateInterval(from, last), cancellationToken)
            : [];
    }
}
