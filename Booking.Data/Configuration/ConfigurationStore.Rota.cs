using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Scheduling;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>
/// The rota: templates (edited in place, so unchanged slots keep their ids and bookings; ended, never deleted),
/// one-off sessions, day edits, closures and leave (withdrawn, never deleted). Every result lists the booked
/// appointments from today on that the change affects.
/// </summary>
public sealed partial class ConfigurationStore
{
    /// <summary>
    /// Saves one rota edit, the same Core command the rota page previewed: its rules (<see cref="RotaEdit.Apply"/>) are
    /// checked again against the stored rota inside the transaction. <paramref name="expectedVersion"/> is the changed
    /// weekly session's row version when the page loaded it; a change saved in between is refused as a conflict.
    /// </summary>
    public async Task<ConfigurationResult<RotaEdit>> SaveRotaEditAsync(
        RotaEdit edit, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return edit switch
        {
            AddWeeklySession add => (await AddSessionTemplateAsync(add.Session, by, cancellationToken)).Select(_ => edit),
            ChangeWeeklySession change => (await UpdateSessionTemplateAsync(change.TemplateId, change.Session, by, expectedVersion, cancellationToken)).Select(_ => edit),
            EndWeeklySession end => (await EndSessionTemplateAsync(end.TemplateId, end.LastDate, by, cancellationToken)).Select(_ => edit),
            AddOneOffSession oneOff => (await AddOneOffSessionAsync(oneOff.PractitionerId, oneOff.SiteId, oneOff.Date, oneOff.Layout, by, cancellationToken)).Select(_ => edit),
            WithdrawOneOffSession withdrawn => (await WithdrawOneOffSessionAsync(withdrawn.OneOffId, by, cancellationToken)).Select(_ => edit),
            AddDayEdit day => (await AddDayEditAsync(day.Edit, by, cancellationToken)).Select(_ => edit),
            WithdrawDayEdit undone => (await WithdrawDayEditAsync(undone.TemplateId, undone.Date, by, cancellationToken)).Select(_ => edit),
            AddClosures closures => (await AddClosuresAsync(closures.Dates, closures.Reason, by, closures.Times, closures.SiteId, cancellationToken)).Select(_ => edit),
            WithdrawClosure closure => (await WithdrawClosureAsync(closure.ClosureId, by, cancellationToken)).Select(_ => edit),
            AddLeave leave => (await AddLeaveAsync(leave.PractitionerId, leave.Dates, by, leave.Times, cancellationToken)).Select(_ => edit),
            WithdrawLeave leave => (await WithdrawLeaveAsync(leave.LeaveId, by, cancellationToken)).Select(_ => edit),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit.GetType().Name, "A rota edit the store does not save."),
        };
    }

    public Task<ConfigurationResult<SessionTemplate>> AddSessionTemplateAsync(
        WeeklySession details, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (Refusal(change, new AddWeeklySession(details)) is { } refused)
            {
                return ConfigurationResult<SessionTemplate>.Invalid(refused.Message, refused.Field);
            }

            if (await ProblemWithSessionAsync(change, details.PractitionerId, details.SiteId, details.Layout, cancellationToken) is { } problem)
            {
                return ConfigurationResult<SessionTemplate>.Invalid(problem);
            }

            var row = new SessionTemplateRow();
            CopyTemplate(details.ToTemplate(UnsavedId), row);
            change.Db.SessionTemplates.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("session-template.created", "SessionTemplate", row.Id, null, row);
            return ConfigurationResult<SessionTemplate>.Done(RowMapping.ToTemplate(row));
        }, cancellationToken);

    /// <summary>
    /// Changes a template in place. Slots whose local start, practitioner, site and service are unchanged keep their
    /// ids, so their bookings are untouched and not reported; every other booked slot is reported as affected.
    /// </summary>
    public Task<ConfigurationResult<SessionTemplate>> UpdateSessionTemplateAsync(
        int id, WeeklySession details, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.SessionTemplate, id, expectedVersion, "changed", change => change.Db.SessionTemplates.FindAsync([id], cancellationToken).AsTask(),
            async (change, row) =>
            {
                if (Refusal(change, ChangeWeeklySession.Of(RowMapping.ToTemplate(row), details)) is { } refused)
                {
                    return refused.Message;
                }

                if (await ProblemWithSessionAsync(change, details.PractitionerId, details.SiteId, details.Layout, cancellationToken) is { } problem)
                {
                    return problem;
                }

                CopyTemplate(details.ToTemplate(id), row);
                return null;
            },
            RowMapping.ToTemplate,
            cancellationToken);

    /// <summary>Ends a template after <paramref name="lastDate"/> (inclusive); later booked appointments are reported.</summary>
    public Task<ConfigurationResult<SessionTemplate>> EndSessionTemplateAsync(
        int id, LocalDate lastDate, ActingParty by, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.SessionTemplate, id, expectedVersion: null, "ended", change => change.Db.SessionTemplates.FindAsync([id], cancellationToken).AsTask(),
            (change, row) => Refusal(change, EndWeeklySession.Of(RowMapping.ToTemplate(row), lastDate)) is { } refused
                ? Task.FromResult<string?>(refused.Message)
                : Edited(() => row.EffectiveTo = lastDate),
            RowMapping.ToTemplate, cancellationToken);

    public Task<ConfigurationResult<OneOffSession>> AddOneOffSessionAsync(
        int practitionerId, int siteId, LocalDate date, SessionLayout layout, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (Refusal(change, new AddOneOffSession(practitionerId, siteId, date, layout)) is { } refused)
            {
                return ConfigurationResult<OneOffSession>.Invalid(refused.Message, refused.Field);
            }

            if (await ProblemWithSessionAsync(change, practitionerId, siteId, layout, cancellationToken) is { } problem)
            {
                return ConfigurationResult<OneOffSession>.Invalid(problem);
            }

            var row = new OneOffSessionRow { PractitionerId = practitionerId, SiteId = siteId, Date = date, Segments = SessionLayoutJson.Write(layout) };
            change.Db.OneOffSessions.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("one-off-session.created", "OneOffSession", row.Id, null, row);
            return ConfigurationResult<OneOffSession>.Done(RowMapping.ToOneOff(row));
        }, cancellationToken);

    public Task<ConfigurationResult<OneOffSession>> WithdrawOneOffSessionAsync(int id, ActingParty by, CancellationToken cancellationToken = default) =>
        WithdrawAsync(by, change => change.Db.OneOffSessions.FindAsync([id], cancellationToken).AsTask(), "one-off session", id,
            row => (row.WithdrawnAt, row.Id, new WithdrawOneOffSession(row.Id, row.Date), RowMapping.ToOneOff(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

    /// <summary>Cancels one template's session on one date (e.g. "Dr Patel at a CCG meeting").</summary>
    public Task<ConfigurationResult<DayEdit>> CancelSessionOnAsync(
        int templateId, LocalDate date, string reason, ActingParty by, CancellationToken cancellationToken = default) =>
        AddDayEditAsync(DayEdit.Cancel(templateId, date, reason), by, cancellationToken);

    /// <summary>Runs <paramref name="layout"/> instead of the template's usual one on <paramref name="date"/>.</summary>
    public Task<ConfigurationResult<DayEdit>> ReplaceSessionOnAsync(
        int templateId, LocalDate date, SessionLayout layout, ActingParty by, CancellationToken cancellationToken = default) =>
        AddDayEditAsync(DayEdit.Replace(templateId, date, layout), by, cancellationToken);

    public Task<ConfigurationResult<DayEdit>> WithdrawDayEditAsync(int id, ActingParty by, CancellationToken cancellationToken = default) =>
        WithdrawAsync(by, change => change.Db.DayEdits.FindAsync([id], cancellationToken).AsTask(), "day edit", id,
            row => (row.WithdrawnAt, row.Id, new WithdrawDayEdit(row.TemplateId, row.Date), RowMapping.ToDayEdit(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

    /// <summary>Undoes weekly session <paramref name="templateId"/>'s edit in force on <paramref name="date"/>.</summary>
    private Task<ConfigurationResult<DayEdit>> WithdrawDayEditAsync(int templateId, LocalDate date, ActingParty by, CancellationToken cancellationToken) =>
        WithdrawAsync(
            by,
            change => change.Db.DayEdits.SingleOrDefaultAsync(e => e.TemplateId == templateId && e.Date == date && e.WithdrawnAt == null, cancellationToken),
            "day edit",
            $"of session {templateId} on {date:d MMMM yyyy}",
            row => (row.WithdrawnAt, row.Id, new WithdrawDayEdit(row.TemplateId, row.Date), RowMapping.ToDayEdit(row)),
            (row, at) => row.WithdrawnAt = at,
            cancellationToken);

    /// <summary>Closes the practice (or one site) on a date, all day or for <paramref name="times"/>.</summary>
    public async Task<ConfigurationResult<Closure>> AddClosureAsync(
        LocalDate date, string reason, ActingParty by, LocalTimeRange? times = null, int? siteId = null, CancellationToken cancellationToken = default)
    {
        var added = await AddClosuresAsync(new DateInterval(date, date), reason, by, times, siteId, cancellationToken);
        return added.Select(closures => closures.Single());
    }

    /// <summary>
    /// Closes every date of <paramref name="dates"/> (both ends inclusive) in one transaction, one closure a day as
    /// <see cref="Closure.EachDay"/> builds them: all are saved or none, and the affected appointments are listed once.
    /// The first date is today or later.
    /// </summary>
    public Task<ConfigurationResult<IReadOnlyList<Closure>>> AddClosuresAsync(
        DateInterval dates, string reason, ActingParty by, LocalTimeRange? times = null, int? siteId = null, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            ArgumentNullException.ThrowIfNull(dates);
            if (Refusal(change, new AddClosures(dates, reason, times, siteId)) is { } refused)
            {
                return ConfigurationResult<IReadOnlyList<Closure>>.Invalid(refused.Message, refused.Field);
            }

            var rows = Closure.EachDay(UnsavedId, dates, reason, times, siteId).Select(closure => new ClosureRow
            {
                Date = closure.Date,
                Reason = closure.Reason,
                StartTime = closure.Times?.Start,
                EndTime = closure.Times?.End,
                SiteId = closure.SiteId,
            }).ToList();
            change.Db.Closures.AddRange(rows);
            await change.Db.SaveChangesAsync(cancellationToken);
            foreach (var row in rows)
            {
                change.Audit("closure.created", "Closure", row.Id, null, row);
            }

            return ConfigurationResult<IReadOnlyList<Closure>>.Done(rows.Select(RowMapping.ToClosure).ToList());
        }, cancellationToken);

    public Task<ConfigurationResult<Closure>> WithdrawClosureAsync(int id, ActingParty by, CancellationToken cancellationToken = default) =>
        WithdrawAsync(by, change => change.Db.Closures.FindAsync([id], cancellationToken).AsTask(), "closure", id,
            row => (row.WithdrawnAt, row.Id, new WithdrawClosure(row.Id, row.Date), RowMapping.ToClosure(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

    /// <summary>Records a practitioner's leave over <paramref name="dates"/> (both ends inclusive), whole days or <paramref name="times"/> each day.</summary>
    public Task<ConfigurationResult<PractitionerLeave>> AddLeaveAsync(
        int practitionerId, DateInterval dates, ActingParty by, LocalTimeRange? times = null, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (Refusal(change, new AddLeave(practitionerId, dates, times)) is { } refused)
            {
                return ConfigurationResult<PractitionerLeave>.Invalid(refused.Message, refused.Field);
            }

            var leave = new PractitionerLeave(UnsavedId, practitionerId, dates, times);
            var row = new LeaveRow
            {
                PractitionerId = leave.PractitionerId,
                FirstDate = leave.Dates.Start,
                LastDate = leave.Dates.End,
                StartTime = leave.Times?.Start,
                EndTime = leave.Times?.End,
            };
            change.Db.Leave.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("leave.created", "Leave", row.Id, null, row);
            return ConfigurationResult<PractitionerLeave>.Done(RowMapping.ToLeave(row));
        }, cancellationToken);

    /// <summary>
    /// Withdraws leave that has not begun. Leave that has begun (the practitioner came back early) ends yesterday
    /// instead, so the days already taken stay as they were; leave that is over cannot be withdrawn.
    /// </summary>
    public Task<ConfigurationResult<PractitionerLeave>> WithdrawLeaveAsync(int id, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            var row = await change.Db.Leave.FindAsync([id], cancellationToken);
            if (row is null || row.WithdrawnAt is not null)
            {
                return ConfigurationResult<PractitionerLeave>.NotFound("leave " + id);
            }

            var withdrawal = new WithdrawLeave(row.Id, new DateInterval(row.FirstDate, row.LastDate));
            if (Refusal(change, withdrawal) is { } refused)
            {
                return ConfigurationResult<PractitionerLeave>.Invalid(refused.Message, refused.Field);
            }

            var before = AuditLog.Snapshot(row);
            if (withdrawal.EndsEarly(change.EditContext))
            {
                row.LastDate = change.Today.PlusDays(-1);
                change.Audit("leave.ended-early", "Leave", id, before, row);
            }
            else
            {
                row.WithdrawnAt = change.Now;
                change.Audit("leave.withdrawn", "Leave", id, before, row);
            }

            return ConfigurationResult<PractitionerLeave>.Done(RowMapping.ToLeave(row));
        }, cancellationToken);

    private Task<ConfigurationResult<DayEdit>> AddDayEditAsync(DayEdit edit, ActingParty by, CancellationToken cancellationToken) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (Refusal(change, new AddDayEdit(edit)) is { } refused)
            {
                return ConfigurationResult<DayEdit>.Invalid(refused.Message, refused.Field);
            }

            if (edit.Replacement is { } layout && await MissingServiceAsync(change, layout, cancellationToken) is { } missing)
            {
                return ConfigurationResult<DayEdit>.Invalid(missing);
            }

            var row = new DayEditRow
            {
                TemplateId = edit.TemplateId,
                Date = edit.Date,
                Replacement = edit.Replacement is { } replacement ? SessionLayoutJson.Write(replacement) : null,
                CancellationReason = edit.CancellationReason,
            };
            change.Db.DayEdits.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("day-edit.created", "DayEdit", row.Id, null, row);
            return ConfigurationResult<DayEdit>.Done(edit);
        }, cancellationToken);

    /// <summary>Withdraws a one-off, day edit, closure or leave: the row stays (with when it was withdrawn) for history.</summary>
    private Task<ConfigurationResult<T>> WithdrawAsync<TRow, T>(
        ActingParty by,
        Func<Change, Task<TRow?>> find,
        string what,
        object id,
        Func<TRow, (Instant? WithdrawnAt, int RowId, RotaEdit Withdrawal, T Value)> read,
        Action<TRow, Instant> withdraw,
        CancellationToken cancellationToken)
        where TRow : class =>
        WriteAsync(by, changesRota: true, async change =>
        {
            var row = await find(change);
            if (row is null || read(row).WithdrawnAt is not null)
            {
                return ConfigurationResult<T>.NotFound($"{what} {id}");
            }

            if (Refusal(change, read(row).Withdrawal) is { } refused)
            {
                return ConfigurationResult<T>.Invalid(refused.Message, refused.Field);
            }

            var before = AuditLog.Snapshot(row);
            withdraw(row, change.Now);
            change.Audit(what.Replace(' ', '-') + ".withdrawn", typeof(TRow).Name.Replace("Row", "", StringComparison.Ordinal), read(row).RowId, before, row);
            return ConfigurationResult<T>.Done(read(row).Value);
        }, cancellationToken);

    /// <summary>
    /// Why Core refuses <paramref name="edit"/> of the stored rota, with the field name a form would show it beside; null
    /// when it may be made. The rows are then changed to match what Core proposed.
    /// </summary>
    private static (string Message, string Field)? Refusal(Change change, RotaEdit edit) =>
        edit.Apply(change.CurrentRota, change.EditContext).Refusal is { } refusal ? (refusal.Message, refusal.Field.ToString()) : null;

    private static void CopyTemplate(SessionTemplate template, SessionTemplateRow row)
    {
        row.PractitionerId = template.PractitionerId;
        row.SiteId = template.SiteId;
        row.DayOfWeek = template.DayOfWeek;
        row.Segments = SessionLayoutJson.Write(template.Layout);
        row.EffectiveFrom = template.EffectiveFrom;
        row.EffectiveTo = template.EffectiveTo;
        RowMapping.CopyPattern(template.Pattern, row);
    }

    /// <summary>Why a session cannot run: an unknown or retired practitioner or site, or a service they may not deliver.</summary>
    private static async Task<string?> ProblemWithSessionAsync(
        Change change, int practitionerId, int siteId, SessionLayout layout, CancellationToken cancellationToken)
    {
        var practitioner = await change.Db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practitionerId, cancellationToken);
        if (practitioner is null || practitioner.RetiredOn <= change.Today)
        {
            return $"Practitioner {practitionerId} does not exist or has left.";
        }

        var site = await change.Db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken);
        if (site is null || site.RetiredOn <= change.Today)
        {
            return $"Site {siteId} does not exist or is retired.";
        }

        if (await MissingServiceAsync(change, layout, cancellationToken) is { } missing)
        {
            return missing;
        }

        var serviceIds = SessionLayoutJson.ServiceIds(layout).ToList();
        var services = await change.Db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var undeliverable = services.Select(RowMapping.ToService).FirstOrDefault(s => !s.CanBeDeliveredBy(practitioner.Role));
        return undeliverable is null ? null : $"{practitioner.Name} ({practitioner.Role}) cannot deliver {undeliverable.Name}.";
    }

    private static async Task<string?> MissingServiceAsync(Change change, SessionLayout layout, CancellationToken cancellationToken)
    {
        var serviceIds = SessionLayoutJson.ServiceIds(layout).ToList();
        var known = await change.Db.Services.AsNoTracking()
            .Where(s => serviceIds.Contains(s.Id) && s.RetiredOn == null)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        var missing = serviceIds.Except(known).ToList();
        return missing.Count == 0 ? null : $"Service(s) {string.Join(", ", missing)} do not exist or are retired.";
    }
}
