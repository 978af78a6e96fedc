using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>Whether the grid has a row per clinician or per site.</summary>
internal enum RotaGrouping { Practitioner, Site }

/// <summary>Why a scheduled session does not run (or runs differently) on its date.</summary>
internal enum SessionStatus { Runs, Replaced, Cancelled, BankHoliday, Closed, PartlyClosed, OnLeave, PartlyOnLeave }

/// <summary>
/// One session on one date of the week: a template's occurrence (with its day edit, if any) or a one-off, and what
/// the bank-holiday calendar, closures and leave do to it.
/// </summary>
internal sealed record RotaSession(
    LocalDate Date,
    SessionTemplate? Template,
    OneOffSession? OneOff,
    StoredDayEdit? Edit,
    int PractitionerId,
    int SiteId,
    SessionLayout Layout,
    SessionStatus Status,
    string? Note)
{
    public SessionSource Source => Template?.Source ?? OneOff!.Source;
}

/// <summary>One day column: its date, the bank holiday on it and the closures that day.</summary>
internal sealed record RotaDay(LocalDate Date, BankHoliday? Holiday, IReadOnlyList<Closure> Closures);

/// <summary>One cell: a row's sessions and leave on one date.</summary>
internal sealed record RotaCell(LocalDate Date, IReadOnlyList<RotaSession> Sessions, IReadOnlyList<PractitionerLeave> Leave);

/// <summary>One row of the grid: a clinician or a site, with a cell per day.</summary>
internal sealed record RotaRow(int Id, string Name, IReadOnlyList<RotaCell> Cells);

/// <summary>
/// The rota editor's week, Monday to Sunday: what the rota schedules each day for each clinician (or site) and why a
/// session does not run. It reads the configuration only; slot generation stays the scheduler's.
/// </summary>
internal sealed class RotaWeek
{
    private RotaWeek(LocalDate monday, IReadOnlyList<RotaDay> days, IReadOnlyList<RotaRow> rows)
    {
        Monday = monday;
        Days = days;
        Rows = rows;
    }

    public LocalDate Monday { get; }

    public DateInterval Dates => new(Monday, Monday.PlusDays(6));

    public IReadOnlyList<RotaDay> Days { get; }

    public IReadOnlyList<RotaRow> Rows { get; }

    public static LocalDate MondayOf(LocalDate date) =>
        date.DayOfWeek == IsoDayOfWeek.Monday ? date : date.Previous(IsoDayOfWeek.Monday);

    /// <summary>
    /// The week holding <paramref name="anyDay"/>. Rows are the current clinicians (or sites) plus any retired one
    /// still scheduled that week, so nothing the rota does is hidden.
    /// </summary>
    public static RotaWeek Build(PracticeConfiguration config, IReadOnlyList<StoredDayEdit> dayEdits, LocalDate anyDay, RotaGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dayEdits);
        var rota = config.Rota;
        var monday = MondayOf(anyDay);
        var dates = new DateInterval(monday, monday.PlusDays(6));
        var edits = dayEdits.ToDictionary(e => (e.Edit.TemplateId, e.Edit.Date));

        var days = dates.Select(date => new RotaDay(
            date,
            rota.BankHolidays.TryGetHoliday(date, out var holiday) ? holiday : null,
            rota.Closures.Where(c => c.Date == date).ToList())).ToList();

        var sessions = new List<RotaSession>();
        foreach (var date in dates)
        {
            var holiday = days[Period.DaysBetween(monday, date)].Holiday;
            foreach (var template in rota.Templates.Where(t => t.RunsOn(date)))
            {
                edits.TryGetValue((template.Id, date), out var edit);
                var layout = edit?.Edit.Replacement ?? template.Layout;
                var status = holiday is not null ? SessionStatus.BankHoliday
                    : edit is { Edit.Replacement: null } ? SessionStatus.Cancelled
                    : edit is not null ? SessionStatus.Replaced
                    : SessionStatus.Runs;
                var note = status switch
                {
                    SessionStatus.BankHoliday => holiday!.Name,
                    SessionStatus.Cancelled => edit!.Edit.CancellationReason,
                    _ => null,
                };
                sessions.Add(Judge(rota, new RotaSession(date, template, null, edit, template.PractitionerId, template.SiteId, layout, status, note)));
            }

            foreach (var oneOff in rota.OneOffs.Where(o => o.Date == date))
            {
                sessions.Add(Judge(rota, new RotaSession(date, null, oneOff, null, oneOff.PractitionerId, oneOff.SiteId, oneOff.Layout, SessionStatus.Runs, null)));
            }
        }

        var leave = rota.Leave.Where(l => l.Dates.Start <= dates.End && l.Dates.End >= dates.Start).ToList();
        var rows = grouping == RotaGrouping.Practitioner
            ? config.Practitioners
                .Where(p => p.RetiredOn is not { } retired || retired > monday || sessions.Any(s => s.PractitionerId == p.Practitioner.Id))
                .Select(p => Row(p.Practitioner.Id, p.Practitioner.Name, dates, sessions.Where(s => s.PractitionerId == p.Practitioner.Id), leave.Where(l => l.PractitionerId == p.Practitioner.Id)))
            : config.Sites
                .Where(s => s.RetiredOn is not { } retired || retired > monday || sessions.Any(x => x.SiteId == s.Site.Id))
                .Select(s => Row(s.Site.Id, s.Site.Name, dates, sessions.Where(x => x.SiteId == s.Site.Id), []));
        return new RotaWeek(monday, days, rows.ToList());
    }

    private static RotaRow Row(int id, string name, DateInterval dates, IEnumerable<RotaSession> sessions, IEnumerable<PractitionerLeave> leave)
    {
        var rowSessions = sessions.ToList();
        var rowLeave = leave.ToList();
        return new RotaRow(id, name, dates.Select(date => new RotaCell(
            date,
            rowSessions.Where(s => s.Date == date).OrderBy(s => s.Layout.Times.Start).ToList(),
            rowLeave.Where(l => l.Dates.Contains(date)).ToList())).ToList());
    }

    /// <summary>Marks a running session that a closure or leave covers, wholly or in part.</summary>
    private static RotaSession Judge(Core.Scheduling.Rota rota, RotaSession session)
    {
        if (session.Status is SessionStatus.Cancelled or SessionStatus.BankHoliday)
        {
            return session;
        }

        var times = session.Layout.Times;
        foreach (var closure in rota.Closures.Where(c => c.Date == session.Date && c.AppliesToSite(session.SiteId)))
        {
            if (closure.Times is not { } closed || closed.Contains(times))
            {
                return session with { Status = SessionStatus.Closed, Note = closure.Reason };
            }

            if (closed.Overlaps(times))
            {
                return session with { Status = SessionStatus.PartlyClosed, Note = $"{closure.Reason} {closed.Start:HH:mm}–{closed.End:HH:mm}" };
            }
        }

        foreach (var away in rota.Leave.Where(l => l.PractitionerId == session.PractitionerId && l.Dates.Contains(session.Date)))
        {
            if (away.Times is not { } awayTimes || awayTimes.Contains(times))
            {
                return session with { Status = SessionStatus.OnLeave, Note = "On leave" };
            }

            if (awayTimes.Overlaps(times))
            {
                return session with { Status = SessionStatus.PartlyOnLeave, Note = $"On leave {awayTimes.Start:HH:mm}–{awayTimes.End:HH:mm}" };
            }
        }

        return session;
    }
}
