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
    public Task<ConfigurationResult<SessionTemplate>> AddSessionTemplateAsync(
        SessionTemplateDetails details, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (change.PastProblem(details.EffectiveFrom, "The session's first date") is { } past)
            {
                return ConfigurationResult<SessionTemplate>.Invalid(past);
            }

            if (await ProblemWithSessionAsync(change, details.PractitionerId, details.SiteId, details.Layout, cancellationToken) is { } problem)
            {
                return ConfigurationResult<SessionTemplate>.Invalid(problem);
            }

            var row = new SessionTemplateRow();
            CopyTemplate(ToTemplate(UnsavedId, details), row);
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
        int id, SessionTemplateDetails details, ActingParty by, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.SessionTemplate, id, expectedVersion, "changed", change => change.Db.SessionTemplates.FindAsync([id], cancellationToken).AsTask(),
            async (change, row) =>
            {
                if (DatesProblem(change, row, details.EffectiveFrom, details.EffectiveTo) is { } past)
                {
                    return past;
                }

                if (await ProblemWithSessionAsync(change, details.PractitionerId, details.SiteId, details.Layout, cancellationToken) is { } problem)
                {
                    return problem;
                }

                CopyTemplate(ToTemplate(id, details), row);
                return null;
            },
            RowMapping.ToTemplate,
            cancellationToken);

    /// <summary>Ends a template after <paramref name="lastDate"/> (inclusive); later booked appointments are reported.</summary>
    public Task<ConfigurationResult<SessionTemplate>> EndSessionTemplateAsync(
        int id, LocalDate lastDate, ActingParty by, CancellationToken cancellationToken = default) =>
        EditAsync(by, Subjects.SessionTemplate, id, expectedVersion: null, "ended", change => change.Db.SessionTemplates.FindAsync([id], cancellationToken).AsTask(),
            (change, row) => DatesProblem(change, row, row.EffectiveFrom, lastDate) is { } past
                ? Task.FromResult<string?>(past)
                : Edited(() => row.EffectiveTo = lastDate),
            RowMapping.ToTemplate, cancellationToken);

    public Task<ConfigurationResult<OneOffSession>> AddOneOffSessionAsync(
        int practitionerId, int siteId, LocalDate date, SessionLayout layout, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (change.PastProblem(date, "The one-off session's date") is { } past)
            {
                return ConfigurationResult<OneOffSession>.Invalid(past);
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
            row => (row.WithdrawnAt, row.Date, RowMapping.ToOneOff(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

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
            row => (row.WithdrawnAt, row.Date, RowMapping.ToDayEdit(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

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
            if (change.PastProblem(dates.Start, dates.Length == 1 ? "The closure's date" : "The closure's first date") is { } past)
            {
                return ConfigurationResult<IReadOnlyList<Closure>>.Invalid(past);
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
            row => (row.WithdrawnAt, row.Date, RowMapping.ToClosure(row)), (row, at) => row.WithdrawnAt = at, cancellationToken);

    /// <summary>Records a practitioner's leave over <paramref name="dates"/> (both ends inclusive), whole days or <paramref name="times"/> each day.</summary>
    public Task<ConfigurationResult<PractitionerLeave>> AddLeaveAsync(
        int practitionerId, DateInterval dates, ActingParty by, LocalTimeRange? times = null, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: true, async change =>
        {
            if (change.PastProblem(dates.Start, "The leave's first day") is { } past)
            {
                return ConfigurationResult<PractitionerLeave>.Invalid(past);
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

            if (change.PastProblem(row.LastDate, "The leave's last day") is { } past)
            {
                return ConfigurationResult<PractitionerLeave>.Invalid(past);
            }

            var before = AuditLog.Snapshot(row);
            if (row.FirstDate < change.Today && change.By.Kind != AuditActorKind.System)
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
            if (change.PastProblem(edit.Date, "The day edit's date") is { } past)
            {
                return ConfigurationResult<DayEdit>.Invalid(past);
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
        int id,
        Func<TRow, (Instant? WithdrawnAt, LocalDate Date, T Value)> read,
        Action<TRow, Instant> withdraw,
        CancellationToken cancellationToken)
        where TRow : class =>
        WriteAsync(by, changesRota: true, async change =>
        {
            var row = await find(change);
            if (row is null || read(row).WithdrawnAt is not null)
            {
                return ConfigurationResult<T>.NotFound(what + " " + id);
            }

            if (change.PastProblem(read(row).Date, $"The {what}'s date") is { } past)
            {
                return ConfigurationResult<T>.Invalid(past);
            }

            var before = AuditLog.Snapshot(row);
            withdraw(row, change.Now);
            change.Audit(what.Replace(' ', '-') + ".withdrawn", typeof(TRow).Name.Replace("Row", "", StringComparison.Ordinal), id, before, row);
            return ConfigurationResult<T>.Done(read(row).Value);
        }, cancellationToken);

    /// <summary>
    /// A template's first and last dates may move only where both the old and the new date are today or later (for the
    /// last date: yesterday or later, which ends it before today), so no past day gains or loses the session.
    /// </summary>
    private static string? DatesProblem(Change change, SessionTemplateRow row, LocalDate newFrom, LocalDate? newTo)
    {
        if (newFrom != row.EffectiveFrom
            && (change.PastProblem(row.EffectiveFrom, "The session's first date") ?? change.PastProblem(newFrom, "The session's new first date")) is { } from)
        {
            return from;
        }

        var yesterday = change.Today.PlusDays(-1);
        if (newTo != row.EffectiveTo && (row.EffectiveTo is { } oldTo && oldTo < yesterday || newTo is { } to && to < yesterday)
            && change.By.Kind != AuditActorKind.System)
        {
            return $"The session can end from today on (last date {yesterday:d MMMM yyyy} or later), and one that ended before then stays ended: past days keep the rota they had.";
        }

        return null;
    }

    private static SessionTemplate ToTemplate(int id, SessionTemplateDetails details) => new(
        id, details.PractitionerId, details.SiteId, details.DayOfWeek, details.Layout, details.EffectiveFrom, details.EffectiveTo, details.Pattern);

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
