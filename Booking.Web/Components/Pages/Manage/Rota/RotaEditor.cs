using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>What the rota page's side panel shows.</summary>
internal enum RotaPanel { None, Session, Closure, Leave, TemplateForm, OneOffForm, ReplaceDay, CancelDay, EndTemplate, ClosureForm, LeaveForm }

/// <summary>Where the page moves keyboard focus after the next render.</summary>
internal enum RotaFocus { None, Panel, Notice }

/// <summary>
/// The rota page's state, out of its markup: the week shown, what the panel shows, and one change on its way from a form
/// to the store. A change is applied as a Core <see cref="RotaEdit"/> to the loaded rota first (a new overlap goes back
/// to the form beside its times; the booked appointments it would affect are listed and must be acknowledged, rule 4)
/// and only then saved, where the store applies the same edit again.
/// </summary>
/// <param name="queries">Reads the configuration.</param>
/// <param name="rotaQueries">Reads day edits, session versions and the appointments a proposal affects.</param>
/// <param name="store">Saves the edit.</param>
/// <param name="clock">The practice's today comes from it.</param>
/// <param name="actingParty">Who is signed in, as the audit records them; null when they may not change the rota.</param>
internal sealed class RotaEditor(
    BookingQueries queries, RotaEditorQueries rotaQueries, ConfigurationStore store, IClock clock, Func<Task<ActingParty?>> actingParty)
{
    /// <summary>Said beside a session's times when the change would put the clinician in two sessions at once.</summary>
    public const string OverlapRefusal = "The clinician would be in two sessions at once. Change the times or the day, or end the other session first.";

    private IReadOnlyDictionary<int, int> _templateVersions = new Dictionary<int, int>();

    /// <summary>The configuration loaded; null until loaded or when no practice is set up.</summary>
    public PracticeConfiguration? Config { get; private set; }

    /// <summary>The week shown.</summary>
    public RotaWeek? Week { get; private set; }

    /// <summary>A row per clinician or per site.</summary>
    public RotaGrouping Grouping { get; private set; } = RotaGrouping.Practitioner;

    /// <summary>The Monday of the week shown, or to be shown on the next load.</summary>
    public LocalDate Monday { get; private set; }

    /// <summary>True while the week is being read.</summary>
    public bool Loading { get; private set; }

    /// <summary>What the panel shows.</summary>
    public RotaPanel Panel { get; private set; }

    /// <summary>The session chosen in the grid (kept while a form about it is open).</summary>
    public RotaSession? Session { get; private set; }

    /// <summary>The closure chosen in the grid.</summary>
    public Closure? Closure { get; private set; }

    /// <summary>The leave chosen in the grid.</summary>
    public PractitionerLeave? Leave { get; private set; }

    /// <summary>Changes each time a form opens, so the page renders it afresh.</summary>
    public int FormKey { get; private set; }

    /// <summary>The clinician of the row last chosen, to start a new session or leave with.</summary>
    public int? RowPractitionerId { get; private set; }

    /// <summary>Problems with the whole change shown beside a form's field (e.g. overlapping sessions beside its times).</summary>
    public IReadOnlyDictionary<string, string>? PageProblems { get; private set; }

    /// <summary>Why the last change was not saved.</summary>
    public string? Refusal { get; private set; }

    /// <summary>True when the refusal is that someone else saved a change first; the page offers a reload.</summary>
    public bool Stale { get; private set; }

    /// <summary>What the last save did, e.g. "Session added.".</summary>
    public string? Notice { get; private set; }

    /// <summary>The booked appointments the last save affected, as the store reported them.</summary>
    public IReadOnlyList<AffectedAppointment> SavedAffected { get; private set; } = [];

    /// <summary>A change checked and waiting for the manager's confirmation.</summary>
    public RotaChange? Pending { get; private set; }

    /// <summary>The booked appointments <see cref="Pending"/> would affect.</summary>
    public IReadOnlyList<AffectedAppointment> PendingAffected { get; private set; } = [];

    /// <summary>The manager has noted the affected appointments.</summary>
    public bool Acknowledged { get; set; }

    /// <summary>True while a change is checked or saved; a second submit is ignored.</summary>
    public bool Busy { get; private set; }

    /// <summary>The cancel-this-day form's reason, as typed.</summary>
    public string CancelReason { get; set; } = "";

    /// <summary>The end-a-weekly-session form's last date.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>The problem beside the cancel or end form's one field.</summary>
    public string? SmallProblem { get; private set; }

    /// <summary>Where focus goes after the next render; the page resets it once moved.</summary>
    public RotaFocus Focus { get; set; }

    /// <summary>The practice's today.</summary>
    public LocalDate Today => PracticeTime.Today(clock);

    /// <summary>The week picker's value: any day picks its week.</summary>
    public DateOnly? WeekValue
    {
        get => Monday.ToDateOnly();
        set => Monday = RotaWeek.MondayOf(value is { } picked ? LocalDate.FromDateOnly(picked) : Today);
    }

    /// <summary>Affected appointments must be acknowledged (rule 4); a confirmation with none to list needs only the click.</summary>
    public bool PendingAcknowledged => PendingAffected.Count == 0 || Acknowledged;

    /// <summary>The chosen weekly session's row version when the page loaded it.</summary>
    public int? EditedTemplateVersion => Session?.Template is { } template && _templateVersions.TryGetValue(template.Id, out var version) ? version : null;

    /// <summary>New entries start on the week shown: today when it is this week, otherwise its Monday.</summary>
    public LocalDate SuggestedDate => Week is { } week && week.Dates.Contains(Today) ? Today : Monday;

    /// <summary>The panel's heading.</summary>
    public string PanelHeading => Panel switch
    {
        RotaPanel.Session => Session?.OneOff is null ? "Weekly session" : "One-off session",
        RotaPanel.Closure => "Closure",
        RotaPanel.Leave => "Leave",
        RotaPanel.TemplateForm => Session?.Template is null ? "Add a weekly session" : "Change weekly session",
        RotaPanel.OneOffForm => "Add a one-off session",
        RotaPanel.ReplaceDay => "Change this day's times",
        RotaPanel.CancelDay => "Cancel this day's session",
        RotaPanel.EndTemplate => "End a weekly session",
        RotaPanel.ClosureForm => "Add a closure",
        RotaPanel.LeaveForm => "Add leave",
        _ => "Details",
    };

    /// <summary>Loads the week holding <paramref name="day"/> (this week when null).</summary>
    public Task StartAsync(LocalDate? day)
    {
        Monday = RotaWeek.MondayOf(day ?? Today);
        return LoadAsync();
    }

    /// <summary>Reads the configuration, the session versions and the week's day edits again.</summary>
    public async Task LoadAsync()
    {
        Loading = true;
        try
        {
            // Versions first: a change saved between the two reads then shows as a conflict instead of being overwritten.
            _templateVersions = await rotaQueries.GetSessionTemplateVersionsAsync();
            Config = await queries.GetConfigurationAsync();
            if (Config is null)
            {
                return;
            }

            var monday = RotaWeek.MondayOf(Monday);
            var edits = await rotaQueries.GetDayEditsAsync(new DateInterval(monday, monday.PlusDays(6)));
            Week = RotaWeek.Build(Config, edits, monday, Grouping);
            Monday = Week.Monday;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Shows a row per clinician or per site.</summary>
    public Task GroupAsync(RotaGrouping grouping)
    {
        Grouping = grouping;
        return LoadAsync();
    }

    /// <summary>Moves <paramref name="weeks"/> weeks on (back when negative).</summary>
    public Task StepAsync(int weeks)
    {
        Monday = Monday.PlusWeeks(weeks);
        return LoadAsync();
    }

    /// <summary>Shows this week.</summary>
    public Task ThisWeekAsync()
    {
        Monday = RotaWeek.MondayOf(Today);
        return LoadAsync();
    }

    /// <summary>Shows a session's details.</summary>
    public void SelectSession(RotaSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Show(RotaPanel.Session);
        Session = session;
        RowPractitionerId = session.PractitionerId;
    }

    /// <summary>Shows a closure's details.</summary>
    public void SelectClosure(Closure closure)
    {
        Show(RotaPanel.Closure);
        Closure = closure;
    }

    /// <summary>Shows leave's details.</summary>
    public void SelectLeave(PractitionerLeave leave)
    {
        ArgumentNullException.ThrowIfNull(leave);
        Show(RotaPanel.Leave);
        Leave = leave;
        RowPractitionerId = leave.PractitionerId;
    }

    /// <summary>Opens a form; <paramref name="keepSelection"/> for one about the chosen session.</summary>
    public void Open(RotaPanel panel, bool keepSelection = false)
    {
        var session = Session;
        Show(panel);
        Session = keepSelection ? session : null;
        FormKey++;
        CancelReason = "";
        EndDate = (session?.Date ?? Today).ToDateOnly();
    }

    /// <summary>Empties the panel.</summary>
    public void Close() => Show(RotaPanel.None);

    /// <summary>Drops the change waiting for confirmation ("Go back").</summary>
    public void ClearPending()
    {
        Pending = null;
        PendingAffected = [];
        Acknowledged = false;
    }

    /// <summary>Cancels the chosen weekly session on its date, for the reason typed.</summary>
    public Task SubmitCancelDayAsync()
    {
        if (Session is not { Template: { } template } day)
        {
            return Task.CompletedTask;
        }

        var reason = CancelReason.Trim();
        SmallProblem = reason.Length == 0 ? "Enter why the session is cancelled, e.g. \"Dr Patel at a CCG meeting\"." : null;
        return SmallProblem is not null
            ? Task.CompletedTask
            : SubmitAsync(new RotaChange("This day's session cancelled.", new AddDayEdit(DayEdit.Cancel(template.Id, day.Date, reason)), new DateInterval(day.Date, day.Date)));
    }

    /// <summary>Ends the chosen weekly session after <see cref="EndDate"/>.</summary>
    public Task SubmitEndAsync()
    {
        if (Session?.Template is not { } template || Config is null)
        {
            return Task.CompletedTask;
        }

        if (EndDate is not { } picked)
        {
            SmallProblem = "Enter the last date the session runs.";
            return Task.CompletedTask;
        }

        var last = LocalDate.FromDateOnly(picked);
        var end = EndWeeklySession.Of(template, last);
        SmallProblem = end.Check(RotaForms.ByStaff(Config))?.Message;
        return SmallProblem is not null
            ? Task.CompletedTask
            : SubmitAsync(new RotaChange("Weekly session ended.", end, new DateInterval(last, last)));
    }

    /// <summary>Undoing one day's change to a weekly session.</summary>
    public static RotaChange WithdrawDayEdit(StoredDayEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return new("This day's change undone.", new WithdrawDayEdit(edit.Edit.TemplateId, edit.Edit.Date), new DateInterval(edit.Edit.Date, edit.Edit.Date));
    }

    /// <summary>Withdrawing a one-off session.</summary>
    public static RotaChange WithdrawOneOff(OneOffSession oneOff)
    {
        ArgumentNullException.ThrowIfNull(oneOff);
        return new("One-off session withdrawn.", new WithdrawOneOffSession(oneOff.Id, oneOff.Date), new DateInterval(oneOff.Date, oneOff.Date));
    }

    /// <summary>Withdrawing a closure.</summary>
    public static RotaChange WithdrawClosure(Closure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return new("Closure withdrawn.", new WithdrawClosure(closure.Id, closure.Date), new DateInterval(closure.Date, closure.Date));
    }

    /// <summary>Withdrawing leave (or, once it has begun, ending it yesterday).</summary>
    public static RotaChange WithdrawLeave(PractitionerLeave leave)
    {
        ArgumentNullException.ThrowIfNull(leave);
        return new("Leave withdrawn.", new WithdrawLeave(leave.Id, leave.Dates), leave.Dates);
    }

    /// <summary>
    /// Checks a change before saving it: Core's refusal goes back to the form (an overlap beside its times); booked
    /// appointments the change would affect are listed and must be acknowledged (rule 4) before <see cref="ConfirmAsync"/>
    /// saves. A change that affects none and asks no confirmation is saved at once.
    /// </summary>
    public async Task SubmitAsync(RotaChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Busy || Config is null)
        {
            return;
        }

        Refusal = null;
        Stale = false;
        PageProblems = null;
        ClearPending();
        Busy = true;
        try
        {
            var applied = change.Edit.Apply(Config.Rota, RotaForms.ByStaff(Config));
            if (applied.Refusal is { Field: RotaEditField.Times } overlap)
            {
                var issues = overlap.Issues;
                var message = string.Join(" ", issues.Take(3).Select(issue => RotaText.Issue(Config, issue)))
                    + (issues.Length > 3 ? $" And {issues.Length - 3} more." : "");
                PageProblems = new Dictionary<string, string> { ["Times"] = message };
                Refusal = OverlapRefusal;
                return;
            }

            if (applied.Proposed is not { } proposed)
            {
                Refusal = applied.Refusal!.Message;
                return;
            }

            var from = change.Edit.AffectsFrom > Today ? change.Edit.AffectsFrom : Today;
            var affected = await rotaQueries.GetAffectedFromAsync(proposed, from);
            if (affected.Count > 0 || change.Confirmation is not null)
            {
                Pending = change;
                PendingAffected = affected;
                return;
            }

            await SaveAsync(change);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Saves the pending change once its affected appointments are acknowledged.</summary>
    public async Task ConfirmAsync()
    {
        if (Pending is not { } change || !PendingAcknowledged || Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            await SaveAsync(change);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>After a conflict: empties the panel and reads the rota again, with the other manager's change.</summary>
    public async Task ReloadAfterConflictAsync()
    {
        Close();
        await LoadAsync();
    }

    private void Show(RotaPanel panel)
    {
        Panel = panel;
        Session = null;
        Closure = null;
        Leave = null;
        Refusal = null;
        Stale = false;
        PageProblems = null;
        SmallProblem = null;
        Notice = null;
        SavedAffected = [];
        ClearPending();
        Focus = RotaFocus.Panel;
    }

    private async Task SaveAsync(RotaChange change)
    {
        if (await actingParty() is not { } by)
        {
            Refusal = ManagerAccess.NotAllowedMessage;
            return;
        }

        var outcome = RotaSaveOutcome.From(
            await store.SaveRotaEditAsync(change.Edit, by, change.ExpectedVersion),
            change.Edit is ChangeWeeklySession ? RotaSaveOutcome.StaleSessionMessage : null);
        if (!outcome.Succeeded)
        {
            Refusal = outcome.Message;
            Stale = outcome.Stale;
            ClearPending();
            return;
        }

        Show(RotaPanel.None);
        Notice = change.DoneMessage;
        SavedAffected = outcome.Affected;

        // After a save the panel is empty; the outcome (and any affected appointments) is what to read next.
        Focus = RotaFocus.Notice;
        Monday = WeekAfterSaving(change);
        await LoadAsync();
    }

    // The grid shows the change just saved: the week on screen when the change touches it (a weekly session edited
    // from a later week stays there), otherwise the week of the change's first date, e.g. a closure next month.
    private LocalDate WeekAfterSaving(RotaChange change)
    {
        var shown = new DateInterval(Monday, Monday.PlusDays(6));
        return change.Dates.Start <= shown.End && change.Dates.End >= shown.Start ? Monday : RotaWeek.MondayOf(change.Dates.Start);
    }
}
