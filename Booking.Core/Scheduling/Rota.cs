using System.Collections.Immutable;
using Booking.Core.Time;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// Everything that decides a practice's slots: session templates, one-off sessions, day edits, closures,
/// practitioner leave, the bank-holiday calendar and the time zone all its local times are in. Immutable;
/// <see cref="With"/> returns a changed copy, e.g. a proposed rota for the what-if preview.
/// </summary>
/// <remarks>
/// The constructor refuses what would make slot ids ambiguous (two templates or two one-offs with one id,
/// two edits of one template on one date) and edits of templates it does not hold. Conflicts a manager
/// resolves (overlapping sessions) are reported by <see cref="Validate"/> instead.
/// </remarks>
public sealed class Rota
{
    private readonly SessionTemplate[][] _templatesByDay;
    private readonly Dictionary<(int TemplateId, LocalDate Date), DayEdit> _editsByTemplateDay;
    private readonly Dictionary<LocalDate, OneOffSession[]> _oneOffsByDate;
    private readonly Dictionary<LocalDate, Closure[]> _closuresByDate;

    /// <summary>
    /// Creates a rota. <paramref name="bankHolidays"/> defaults to <see cref="BankHolidayCalendar.EnglandAndWales"/>
    /// and <paramref name="zone"/> to <see cref="PracticeTime.Zone"/>.
    /// </summary>
    public Rota(
        IEnumerable<SessionTemplate>? templates = null,
        IEnumerable<OneOffSession>? oneOffs = null,
        IEnumerable<DayEdit>? dayEdits = null,
        IEnumerable<Closure>? closures = null,
        IEnumerable<PractitionerLeave>? leave = null,
        BankHolidayCalendar? bankHolidays = null,
        DateTimeZone? zone = null)
    {
        // Sorted by id so the generator's output order depends on the rota, not on how it was loaded.
        Templates = [.. (templates ?? []).OrderBy(t => t.Id)];
        OneOffs = [.. (oneOffs ?? []).OrderBy(o => o.Id)];
        DayEdits = [.. (dayEdits ?? []).OrderBy(e => e.Date).ThenBy(e => e.TemplateId)];
        Closures = [.. (closures ?? []).OrderBy(c => c.Date).ThenBy(c => c.Id)];
        Leave = [.. (leave ?? []).OrderBy(l => l.Dates.Start).ThenBy(l => l.Id)];
        BankHolidays = bankHolidays ?? BankHolidayCalendar.EnglandAndWales;
        Zone = zone ?? PracticeTime.Zone;

        RequireUniqueIds(Templates.Select(t => t.Id), "session template", nameof(templates));
        RequireUniqueIds(OneOffs.Select(o => o.Id), "one-off session", nameof(oneOffs));

        _templatesByDay = new SessionTemplate[8][];
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var weekday = day;
            _templatesByDay[(int)day] = [.. Templates.Where(t => t.DayOfWeek == weekday)];
        }

        var templateIds = Templates.Select(t => t.Id).ToHashSet();
        _editsByTemplateDay = [];
        foreach (var edit in DayEdits)
        {
            if (!templateIds.Contains(edit.TemplateId))
            {
                throw new ArgumentException($"A day edit refers to template {edit.TemplateId}, which is not in the rota.", nameof(dayEdits));
            }

            if (!_editsByTemplateDay.TryAdd((edit.TemplateId, edit.Date), edit))
            {
                throw new ArgumentException($"Template {edit.TemplateId} has two edits on {edit.Date:yyyy-MM-dd}.", nameof(dayEdits));
            }
        }

        _oneOffsByDate = OneOffs.GroupBy(o => o.Date).ToDictionary(g => g.Key, g => g.ToArray());
        _closuresByDate = Closures.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>A rota with nothing in it, in the practice zone with England and Wales bank holidays.</summary>
    public static Rota Empty { get; } = new();

    /// <summary>Recurring sessions, by id.</summary>
    public ImmutableArray<SessionTemplate> Templates { get; }

    /// <summary>Single-date extra sessions, by id.</summary>
    public ImmutableArray<OneOffSession> OneOffs { get; }

    /// <summary>One-day edits of templates, by date.</summary>
    public ImmutableArray<DayEdit> DayEdits { get; }

    /// <summary>Practice closures, by date.</summary>
    public ImmutableArray<Closure> Closures { get; }

    /// <summary>Practitioner leave, by first date.</summary>
    public ImmutableArray<PractitionerLeave> Leave { get; }

    /// <summary>Bank holidays; template sessions do not run on them.</summary>
    public BankHolidayCalendar BankHolidays { get; }

    /// <summary>The zone of every local date and time in the rota.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>A copy with the given parts replaced; parts left null are kept.</summary>
    public Rota With(
        IEnumerable<SessionTemplate>? templates = null,
        IEnumerable<OneOffSession>? oneOffs = null,
        IEnumerable<DayEdit>? dayEdits = null,
        IEnumerable<Closure>? closures = null,
        IEnumerable<PractitionerLeave>? leave = null,
        BankHolidayCalendar? bankHolidays = null) =>
        new(
            templates ?? Templates,
            oneOffs ?? OneOffs,
            dayEdits ?? DayEdits,
            closures ?? Closures,
            leave ?? Leave,
            bankHolidays ?? BankHolidays,
            Zone);

    /// <summary>
    /// The problems a manager should fix within <paramref name="dates"/> (both ends inclusive): overlapping
    /// sessions of one practitioner (as scheduled, before closures, leave and bank holidays, which may be
    /// lifted later) and day edits that change nothing. Empty when the rota is sound.
    /// </summary>
    public ImmutableArray<RotaIssue> Validate(DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var issues = ImmutableArray.CreateBuilder<RotaIssue>();
        var sessions = new List<ScheduledSession>();
        foreach (var date in dates)
        {
            sessions.Clear();
            AddScheduledSessions(date, sessions);
            var running = sessions.Where(s => s.Cancellation is null).OrderBy(s => s.Layout.Times.Start).ToList();
            for (var i = 0; i < running.Count; i++)
            {
                for (var j = i + 1; j < running.Count; j++)
                {
                    var (first, second) = (running[i], running[j]);
                    if (first.PractitionerId == second.PractitionerId && first.Layout.Times.Overlaps(second.Layout.Times))
                    {
                        issues.Add(new OverlappingSessions(
                            first.PractitionerId,
                            new SessionKey(first.Source, date),
                            first.Layout.Times,
                            new SessionKey(second.Source, date),
                            second.Layout.Times));
                    }
                }
            }
        }

        var templatesById = Templates.ToDictionary(t => t.Id);
        foreach (var edit in DayEdits)
        {
            if (dates.Contains(edit.Date) && !templatesById[edit.TemplateId].RunsOn(edit.Date))
            {
                issues.Add(new DayEditWithoutSession(edit.TemplateId, edit.Date));
            }
        }

        return issues.ToImmutable();
    }

    /// <summary>
    /// Appends the sessions scheduled on <paramref name="date"/> after day edits (a cancelled one carries
    /// its edit), templates first and then one-offs, each by id. Closures, leave and holidays are the caller's.
    /// </summary>
    internal void AddScheduledSessions(LocalDate date, List<ScheduledSession> sessions)
    {
        foreach (var template in _templatesByDay[(int)date.DayOfWeek])
        {
            if (!template.RunsOn(date))
            {
                continue;
            }

            var layout = template.Layout;
            DayEdit? cancellation = null;
            if (_editsByTemplateDay.Count > 0 && _editsByTemplateDay.TryGetValue((template.Id, date), out var edit))
            {
                layout = edit.Replacement ?? layout;
                cancellation = edit.Replacement is null ? edit : null;
            }

            sessions.Add(new ScheduledSession(template.Source, template.PractitionerId, template.SiteId, layout, cancellation));
        }

        if (_oneOffsByDate.TryGetValue(date, out var oneOffs))
        {
            foreach (var oneOff in oneOffs)
            {
                sessions.Add(new ScheduledSession(oneOff.Source, oneOff.PractitionerId, oneOff.SiteId, oneOff.Layout, null));
            }
        }
    }

    /// <summary>How many sessions are scheduled on <paramref name="dates"/>, cancelled or not; sizes slot generation's plans.</summary>
    internal int CountScheduledSessions(DateInterval dates)
    {
        var count = 0;
        var sessions = new List<ScheduledSession>();
        foreach (var date in dates)
        {
            sessions.Clear();
            AddScheduledSessions(date, sessions);
            count += sessions.Count;
        }

        return count;
    }

    /// <summary>The closures on <paramref name="date"/>, possibly none.</summary>
    internal Closure[] ClosuresOn(LocalDate date) =>
        _closuresByDate.TryGetValue(date, out var closures) ? closures : [];

    private static void RequireUniqueIds(IEnumerable<int> ids, string what, string paramName)
    {
        var seen = new HashSet<int>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw new ArgumentException($"Two {what}s share id {id}; slot ids would collide.", paramName);
            }
        }
    }
}

/// <summary>A session scheduled on one date, after day edits. <see cref="Cancellation"/> is set when an edit cancelled it.</summary>
internal readonly record struct ScheduledSession(
    SessionSource Source,
    int PractitionerId,
    int SiteId,
    SessionLayout Layout,
    DayEdit? Cancellation)
{
    public bool IsTemplate => Source.Kind == SessionSourceKind.Template;
}
