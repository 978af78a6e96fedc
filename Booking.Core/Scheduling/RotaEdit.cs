using System.Collections.Immutable;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>Who makes a rota edit and on which day of the practice's time zone.</summary>
/// <param name="Today">The practice's today; staff and API clients change the rota from this date on.</param>
/// <param name="LaysDownHistory">
/// True for the system itself (the demo seed, a data import), the only caller that may write past days; staff never do,
/// so past days keep the capacity they had and the reports of them never move.
/// </param>
public sealed record RotaEditContext(LocalDate Today, bool LaysDownHistory = false);

/// <summary>The input a refusal is about, so a form can show it beside that field.</summary>
public enum RotaEditField
{
    /// <summary>The change as a whole.</summary>
    Whole = 0,

    /// <summary>The first (or only) date.</summary>
    FirstDate = 1,

    /// <summary>The last date.</summary>
    LastDate = 2,

    /// <summary>The session's times (it would overlap another of the clinician's sessions).</summary>
    Times = 3,
}

/// <summary>Why a rota edit is refused, and which input to show it beside.</summary>
/// <param name="Field">The input the message is about.</param>
/// <param name="Message">Plain English for staff, naming the dates concerned.</param>
/// <param name="Issues">For <see cref="RotaEditField.Times"/>, the new overlaps, so a page can name the clinician.</param>
public sealed record RotaEditRefusal(RotaEditField Field, string Message, ImmutableArray<RotaIssue> Issues = default);

/// <summary>A rota edit applied to a rota: the rota it proposes, or why not.</summary>
public sealed record RotaEditResult
{
    private RotaEditResult(Rota? proposed, RotaEditRefusal? refusal)
    {
        Proposed = proposed;
        Refusal = refusal;
    }

    /// <summary>The rota with the edit made; null when refused.</summary>
    public Rota? Proposed { get; }

    /// <summary>Why the edit is refused; null when it was made.</summary>
    public RotaEditRefusal? Refusal { get; }

    /// <summary>True when <see cref="Proposed"/> is set.</summary>
    public bool Succeeded => Proposed is not null;

    internal static RotaEditResult Made(Rota proposed) => new(proposed, null);

    internal static RotaEditResult Refused(RotaEditRefusal refusal) => new(null, refusal);
}

/// <summary>
/// One change a manager (or the system) makes to the rota. The what-if preview and the store apply the same edit with
/// <see cref="Apply"/>, so each rule lives here once: nothing changes a past day unless the system does it, a session
/// may not overlap another of the clinician's within <see cref="OverlapCheckDays"/>, a closure covers at most
/// <see cref="Closure.MaxDaysAtOnce"/> days and leave at most <see cref="PractitionerLeave.MaxDays"/>, and leave that has
/// begun ends yesterday instead of vanishing.
/// </summary>
public abstract record RotaEdit
{
    /// <summary>
    /// How far ahead a recurring session is checked for overlaps with the clinician's other sessions: a quarter covers
    /// every cycle the demo and most practices use without making each save slow.
    /// </summary>
    public const int OverlapCheckDays = 91;

    private protected RotaEdit()
    {
    }

    /// <summary>The first date the edit can affect; booked appointments before it (or before today) are not its doing.</summary>
    public abstract LocalDate AffectsFrom { get; }

    /// <summary>
    /// The rules that need no rota (dates not past, lengths within limits), for a form to show beside its fields as they
    /// are typed; null when there is nothing to say. <see cref="Apply"/> checks them too.
    /// </summary>
    public abstract RotaEditRefusal? Check(RotaEditContext context);

    /// <summary>
    /// The rota <paramref name="current"/> becomes with this edit, or why not: <see cref="Check"/>'s rules, what the
    /// edit refers to must be in the rota, and sessions added or moved may not overlap (new overlaps only: one the rota
    /// already had is not this edit's doing).
    /// </summary>
    public RotaEditResult Apply(Rota current, RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(context);
        if ((Check(context) ?? CheckAgainst(current, context)) is { } refused)
        {
            return RotaEditResult.Refused(refused);
        }

        Rota proposed;
        try
        {
            proposed = Make(current, context);
        }
        catch (ArgumentException exception)
        {
            return RotaEditResult.Refused(new RotaEditRefusal(RotaEditField.Whole, exception.Message));
        }

        if (OverlapDates(context) is { } dates)
        {
            var known = current.Validate(dates).ToHashSet();
            var added = proposed.Validate(dates).Where(issue => !known.Contains(issue)).ToImmutableArray();
            if (added.Length > 0)
            {
                var described = string.Join("; ", added.Take(3).Select(issue => issue.Description)) + (added.Length > 3 ? $"; and {added.Length - 3} more" : "");
                var message = added.All(issue => issue is OverlappingSessions)
                    ? $"The clinician would be in two sessions at once ({described}). Change the times or the day, or end the other session first."
                    : $"The change would leave the rota with something to fix ({described}).";
                return RotaEditResult.Refused(new RotaEditRefusal(RotaEditField.Times, message, added));
            }
        }

        return RotaEditResult.Made(proposed);
    }

    /// <summary>The rota with the edit made; may throw <see cref="ArgumentException"/> where Core's constructors refuse.</summary>
    private protected abstract Rota Make(Rota current, RotaEditContext context);

    /// <summary>Rules that need the current rota, e.g. that the session ended is in it; null when there are none.</summary>
    private protected virtual RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) => null;

    /// <summary>The dates to look for new overlaps on; null for edits that cannot add or move a session.</summary>
    private protected virtual DateInterval? OverlapDates(RotaEditContext context) => null;

    /// <summary>
    /// Why <paramref name="date"/> may not be changed in <paramref name="context"/>; null when it may. Staff and API
    /// clients change the rota from today on; only the system lays down history.
    /// </summary>
    public static RotaEditRefusal? PastProblem(LocalDate date, string what, RotaEditContext context, RotaEditField field = RotaEditField.FirstDate)
    {
        ArgumentNullException.ThrowIfNull(context);
        return date >= context.Today || context.LaysDownHistory
            ? null
            : new RotaEditRefusal(field, $"{what} is {date:d MMMM yyyy}, which has passed: rota changes start today ({context.Today:d MMMM yyyy}) or later, so past days keep the rota they had.");
    }

    /// <summary>The next id after those in use, for something the proposal adds; the store assigns the real one on saving.</summary>
    private protected static int NextId(IEnumerable<int> ids) => ids.DefaultIfEmpty(0).Max() + 1;

    private protected static RotaEditRefusal NotInRota(string what) =>
        new(RotaEditField.Whole, $"The {what} is not in the rota any more; reload the rota to see what changed.");
}

/// <summary>What a weekly session is: who, where, which day, its parts, first and last dates (inclusive), which weeks.</summary>
public sealed record WeeklySession(
    int PractitionerId,
    int SiteId,
    IsoDayOfWeek DayOfWeek,
    SessionLayout Layout,
    LocalDate EffectiveFrom,
    LocalDate? EffectiveTo = null,
    WeekPattern? Pattern = null)
{
    /// <summary>The session as a template with <paramref name="id"/>.</summary>
    public SessionTemplate ToTemplate(int id) => new(id, PractitionerId, SiteId, DayOfWeek, Layout, EffectiveFrom, EffectiveTo, Pattern);

    /// <summary>
    /// The dates a session running from <see cref="EffectiveFrom"/> is checked for overlaps: from today (or its first
    /// date, if later) for <see cref="RotaEdit.OverlapCheckDays"/> days, or to its last date if that comes first.
    /// </summary>
    public DateInterval OverlapDates(LocalDate today)
    {
        var from = Later(today, EffectiveFrom);
        var to = from.PlusDays(RotaEdit.OverlapCheckDays - 1);
        return new DateInterval(from, EffectiveTo is { } last && last < to ? Later(last, from) : to);
    }

    internal static RotaEditRefusal? LastBeforeFirst(LocalDate from, LocalDate? to) => to < from
        ? new RotaEditRefusal(RotaEditField.LastDate, "The last date must be on or after the first date.")
        : null;

    private static LocalDate Later(LocalDate first, LocalDate second) => first > second ? first : second;
}

/// <summary>Adds a weekly session, from today or later.</summary>
public sealed record AddWeeklySession(WeeklySession Session) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Session.EffectiveFrom;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => DatesProblem(Session.EffectiveFrom, Session.EffectiveTo, context);

    /// <summary>A new weekly session starts from today on and ends (if it does) on or after its first date.</summary>
    public static RotaEditRefusal? DatesProblem(LocalDate from, LocalDate? to, RotaEditContext context) =>
        PastProblem(from, "The session's first date", context) ?? WeeklySession.LastBeforeFirst(from, to);

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(templates: current.Templates.Add(Session.ToTemplate(NextId(current.Templates.Select(t => t.Id)))));

    private protected override DateInterval? OverlapDates(RotaEditContext context) => Session.OverlapDates(context.Today);
}

/// <summary>
/// Changes weekly session <paramref name="TemplateId"/> in place (slots whose start is unchanged keep their ids and
/// bookings). Its first and last dates may move only where both the old and the new date are from today on (for the
/// last date: yesterday or later, which ends it before today), so no past day gains or loses the session.
/// </summary>
public sealed record ChangeWeeklySession(int TemplateId, LocalDate StoredEffectiveFrom, LocalDate? StoredEffectiveTo, WeeklySession Session) : RotaEdit
{
    /// <summary>The edit of <paramref name="template"/> into <paramref name="session"/>.</summary>
    public static ChangeWeeklySession Of(SessionTemplate template, WeeklySession session)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Id, template.EffectiveFrom, template.EffectiveTo, session);
    }

    /// <inheritdoc />
    public override LocalDate AffectsFrom => StoredEffectiveFrom < Session.EffectiveFrom ? StoredEffectiveFrom : Session.EffectiveFrom;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) =>
        DatesProblem(StoredEffectiveFrom, StoredEffectiveTo, Session.EffectiveFrom, Session.EffectiveTo, context);

    /// <summary>
    /// A session that has run keeps its first date; a first date that moves, moves to today or later; the last date is
    /// on or after the first, and moves only from yesterday on (see <see cref="EndWeeklySession"/>).
    /// </summary>
    public static RotaEditRefusal? DatesProblem(LocalDate storedFrom, LocalDate? storedTo, LocalDate from, LocalDate? to, RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (from != storedFrom && !context.LaysDownHistory)
        {
            if (storedFrom < context.Today)
            {
                return new RotaEditRefusal(
                    RotaEditField.FirstDate,
                    $"This session has run since {storedFrom:d MMMM yyyy}, so its first date stays: past days keep the rota they had.");
            }

            if (PastProblem(from, "The session's new first date", context) is { } past)
            {
                return past;
            }
        }

        return WeeklySession.LastBeforeFirst(from, to) ?? WeeklySessionEnd.Problem(storedTo, to, context);
    }

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.Templates.Any(t => t.Id == TemplateId) ? null : NotInRota("weekly session");

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(templates: current.Templates.Select(t => t.Id == TemplateId ? Session.ToTemplate(TemplateId) : t));

    private protected override DateInterval? OverlapDates(RotaEditContext context) => Session.OverlapDates(context.Today);
}

/// <summary>Ends weekly session <paramref name="TemplateId"/> after <paramref name="LastDate"/> (inclusive).</summary>
public sealed record EndWeeklySession(int TemplateId, LocalDate StoredEffectiveFrom, LocalDate? StoredEffectiveTo, LocalDate LastDate) : RotaEdit
{
    /// <summary>The edit ending <paramref name="template"/> after <paramref name="lastDate"/>.</summary>
    public static EndWeeklySession Of(SessionTemplate template, LocalDate lastDate)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(template.Id, template.EffectiveFrom, template.EffectiveTo, lastDate);
    }

    /// <inheritdoc />
    public override LocalDate AffectsFrom => LastDate.PlusDays(1);

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) =>
        LastDate < StoredEffectiveFrom
            ? new RotaEditRefusal(RotaEditField.LastDate, $"The session starts on {StoredEffectiveFrom:d MMMM yyyy}; end it on or after that date.")
            : WeeklySessionEnd.Problem(StoredEffectiveTo, LastDate, context);

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.Templates.Any(t => t.Id == TemplateId) ? null : NotInRota("weekly session");

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(templates: current.Templates.Select(t => t.Id == TemplateId
            ? new SessionTemplate(t.Id, t.PractitionerId, t.SiteId, t.DayOfWeek, t.Layout, t.EffectiveFrom, LastDate, t.Pattern)
            : t));
}

/// <summary>The rule for moving a weekly session's last date, shared by changing and ending it.</summary>
internal static class WeeklySessionEnd
{
    /// <summary>
    /// A last date may move only where the old and the new one are both yesterday or later (ending it before today), so
    /// a session that ended stays ended and no past day loses its session.
    /// </summary>
    public static RotaEditRefusal? Problem(LocalDate? storedTo, LocalDate? newTo, RotaEditContext context)
    {
        var yesterday = context.Today.PlusDays(-1);
        return newTo != storedTo && (storedTo is { } oldTo && oldTo < yesterday || newTo is { } to && to < yesterday) && !context.LaysDownHistory
            ? new RotaEditRefusal(
                RotaEditField.LastDate,
                $"The session can end from today on (last date {yesterday:d MMMM yyyy} or later), and one that ended before then stays ended: past days keep the rota they had.")
            : null;
    }
}

/// <summary>Adds a session on one date only.</summary>
public sealed record AddOneOffSession(int PractitionerId, int SiteId, LocalDate Date, SessionLayout Layout) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Date;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => DateProblem(Date, context);

    /// <summary>A one-off session is added from today on.</summary>
    public static RotaEditRefusal? DateProblem(LocalDate date, RotaEditContext context) => PastProblem(date, "The one-off session's date", context);

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(oneOffs: current.OneOffs.Add(new OneOffSession(NextId(current.OneOffs.Select(o => o.Id)), PractitionerId, SiteId, Date, Layout)));

    private protected override DateInterval? OverlapDates(RotaEditContext context) => new(Date, Date);
}

/// <summary>Withdraws one-off session <paramref name="OneOffId"/> on <paramref name="Date"/>.</summary>
public sealed record WithdrawOneOffSession(int OneOffId, LocalDate Date) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Date;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => PastProblem(Date, "The one-off session's date", context);

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.OneOffs.Any(o => o.Id == OneOffId) ? null : NotInRota("one-off session");

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(oneOffs: current.OneOffs.Where(o => o.Id != OneOffId));
}

/// <summary>Cancels, or replaces the times of, one weekly session's session on one date (<see cref="DayEdit"/>).</summary>
public sealed record AddDayEdit(DayEdit Edit) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Edit.Date;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(Edit);
        return DateProblem(Edit.Date, context);
    }

    /// <summary>One day's session is changed or cancelled from today on.</summary>
    public static RotaEditRefusal? DateProblem(LocalDate date, RotaEditContext context) => PastProblem(date, "The day edit's date", context);

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.Templates.Any(t => t.Id == Edit.TemplateId) ? null : NotInRota("weekly session");

    private protected override Rota Make(Rota current, RotaEditContext context) => current.With(dayEdits: current.DayEdits.Add(Edit));

    // A replacement can overlap another session; a cancellation cannot, and a day edit on a day its session does not
    // run is caught here as well (the rota reports it as an issue).
    private protected override DateInterval? OverlapDates(RotaEditContext context) => new(Edit.Date, Edit.Date);
}

/// <summary>Undoes weekly session <paramref name="TemplateId"/>'s edit on <paramref name="Date"/>.</summary>
public sealed record WithdrawDayEdit(int TemplateId, LocalDate Date) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Date;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => PastProblem(Date, "The day edit's date", context);

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.DayEdits.Any(IsThis) ? null : NotInRota("day edit");

    private protected override Rota Make(Rota current, RotaEditContext context) => current.With(dayEdits: current.DayEdits.Where(e => !IsThis(e)));

    // Undoing a replacement brings the usual times back, which may overlap a session added since.
    private protected override DateInterval? OverlapDates(RotaEditContext context) => new(Date, Date);

    private bool IsThis(DayEdit edit) => edit.TemplateId == TemplateId && edit.Date == Date;
}

/// <summary>
/// Closes the practice (or one site) on every date of <paramref name="Dates"/> (both ends inclusive), all day or for
/// <paramref name="Times"/> each day, one closure a day as <see cref="Closure.EachDay"/> builds them.
/// </summary>
public sealed record AddClosures(DateInterval Dates, string Reason, LocalTimeRange? Times = null, int? SiteId = null) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Dates.Start;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => DatesProblem(Dates, context);

    /// <summary>A closure starts from today on and covers at most <see cref="Closure.MaxDaysAtOnce"/> days.</summary>
    public static RotaEditRefusal? DatesProblem(DateInterval dates, RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return PastProblem(dates.Start, dates.Length == 1 ? "The closure's date" : "The closure's first date", context)
            ?? (dates.Length > Closure.MaxDaysAtOnce
                ? new RotaEditRefusal(RotaEditField.LastDate, Closure.TooManyDaysMessage)
                : null);
    }

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(closures: current.Closures.AddRange(Closure.EachDay(NextId(current.Closures.Select(c => c.Id)), Dates, Reason, Times, SiteId)));
}

/// <summary>Withdraws closure <paramref name="ClosureId"/> on <paramref name="Date"/>.</summary>
public sealed record WithdrawClosure(int ClosureId, LocalDate Date) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Date;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => PastProblem(Date, "The closure's date", context);

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.Closures.Any(c => c.Id == ClosureId) ? null : NotInRota("closure");

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(closures: current.Closures.Where(c => c.Id != ClosureId));
}

/// <summary>Records a practitioner's leave over <paramref name="Dates"/> (both ends inclusive), whole days or <paramref name="Times"/> each day.</summary>
public sealed record AddLeave(int PractitionerId, DateInterval Dates, LocalTimeRange? Times = null) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Dates.Start;

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context) => DatesProblem(Dates, context);

    /// <summary>Leave starts from today on and spans at most <see cref="PractitionerLeave.MaxDays"/> days.</summary>
    public static RotaEditRefusal? DatesProblem(DateInterval dates, RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return PastProblem(dates.Start, "The leave's first day", context)
            ?? (dates.Length > PractitionerLeave.MaxDays
                ? new RotaEditRefusal(RotaEditField.LastDate, PractitionerLeave.TooManyDaysMessage)
                : null);
    }

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(leave: current.Leave.Add(new PractitionerLeave(NextId(current.Leave.Select(l => l.Id)), PractitionerId, Dates, Times)));
}

/// <summary>
/// Withdraws leave <paramref name="LeaveId"/> over <paramref name="Dates"/>. Leave that has begun (the practitioner came
/// back early) ends yesterday instead, so the days already taken stay as they were; leave that is over stays.
/// </summary>
public sealed record WithdrawLeave(int LeaveId, DateInterval Dates) : RotaEdit
{
    /// <inheritdoc />
    public override LocalDate AffectsFrom => Dates.Start;

    /// <summary>True when the leave has begun, so it ends yesterday rather than being withdrawn.</summary>
    public bool EndsEarly(RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Dates.Start < context.Today && !context.LaysDownHistory;
    }

    /// <inheritdoc />
    public override RotaEditRefusal? Check(RotaEditContext context)
    {
        ArgumentNullException.ThrowIfNull(Dates);
        return PastProblem(Dates.End, "The leave's last day", context);
    }

    private protected override RotaEditRefusal? CheckAgainst(Rota current, RotaEditContext context) =>
        current.Leave.Any(l => l.Id == LeaveId) ? null : NotInRota("leave");

    private protected override Rota Make(Rota current, RotaEditContext context) =>
        current.With(leave: EndsEarly(context)
            ? current.Leave.Select(l => l.Id == LeaveId ? new PractitionerLeave(l.Id, l.PractitionerId, new DateInterval(l.Dates.Start, context.Today.PlusDays(-1)), l.Times) : l)
            : current.Leave.Where(l => l.Id != LeaveId));
}
