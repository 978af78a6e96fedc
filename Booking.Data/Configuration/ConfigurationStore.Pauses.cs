using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Release;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>
/// The brake for busy days: pausing an outside channel for today or some days, and lifting the pause. A pause is a
/// configuration change like any other (one transaction, audited, the configuration version raised so every door
/// reads it at once), but it withholds slots rather than changing the rota, so it affects no booked appointment.
/// </summary>
public sealed partial class ConfigurationStore
{
    /// <summary>Pauses <paramref name="channel"/> on <paramref name="dates"/> (from today on) for <paramref name="reason"/>.</summary>
    public Task<ConfigurationResult<ChannelPause>> PauseChannelAsync(
        PausableChannel channel, DateInterval dates, string reason, ActingParty by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return WriteAsync(by, changesRota: false, async change =>
        {
            if (dates.Start < change.Today)
            {
                return ConfigurationResult<ChannelPause>.Invalid(
                    $"The first day is {dates.Start:d MMMM yyyy}, which has passed: a pause starts today ({change.Today:d MMMM yyyy}) or later.", "FirstDay");
            }

            var pause = new ChannelPause(UnsavedId, channel, dates, reason);
            var overlapping = await change.Db.ChannelPauses
                .Where(p => p.Channel == channel && p.LiftedAt == null && p.FirstDay <= dates.End && p.LastDay >= dates.Start)
                .OrderBy(p => p.FirstDay)
                .FirstOrDefaultAsync(cancellationToken);
            if (overlapping is not null)
            {
                return ConfigurationResult<ChannelPause>.Invalid(
                    $"{Capitalised(pause.ChannelName)} is already paused from {overlapping.FirstDay:d MMMM} to {overlapping.LastDay:d MMMM}: lift that pause first, or choose other days.", "FirstDay");
            }

            var row = new ChannelPauseRow
            {
                Channel = channel,
                FirstDay = dates.Start,
                LastDay = dates.End,
                Reason = pause.Reason,
                PausedAt = change.Now,
            };
            change.Db.ChannelPauses.Add(row);
            await change.Db.SaveChangesAsync(cancellationToken);
            change.Audit("channel.paused", "ChannelPause", row.Id, null, row);
            return ConfigurationResult<ChannelPause>.Done(RowMapping.ToPause(row));
        }, cancellationToken);
    }

    /// <summary>
    /// Lifts pause <paramref name="pauseId"/>: the channel is offered its slots again at once. Lifting twice is refused
    /// as already ended, so two managers pressing at once cannot clash. The pauses standing are in the configuration
    /// (<see cref="ReleasePolicy.Pauses"/>).
    /// </summary>
    public Task<ConfigurationResult<ChannelPause>> LiftChannelPauseAsync(int pauseId, ActingParty by, CancellationToken cancellationToken = default) =>
        WriteAsync(by, changesRota: false, async change =>
        {
            var row = await change.Db.ChannelPauses.SingleOrDefaultAsync(p => p.Id == pauseId, cancellationToken);
            if (row is null)
            {
                return ConfigurationResult<ChannelPause>.NotFound($"channel pause {pauseId}");
            }

            if (row.LiftedAt is not null || row.LastDay < change.Today)
            {
                return ConfigurationResult<ChannelPause>.Invalid("That pause has already ended.");
            }

            var before = AuditLog.Snapshot(row);
            row.LiftedAt = change.Now;
            change.Audit("channel.resumed", "ChannelPause", row.Id, before, row);
            return ConfigurationResult<ChannelPause>.Done(RowMapping.ToPause(row));
        }, cancellationToken);

    /// <summary>
    /// The pauses standing today or later (not lifted, last day not passed), first day first, each with who paused it
    /// and when, as the audit log recorded it: the busy-day brake's list on the home page.
    /// </summary>
    public async Task<IReadOnlyList<StandingPause>> GetStandingPausesAsync(CancellationToken cancellationToken = default)
    {
        var today = Core.Time.PracticeTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ChannelPauses.AsNoTracking()
            .Where(p => p.LiftedAt == null && p.LastDay >= today)
            .OrderBy(p => p.FirstDay).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var pausedBy = (await db.AuditEntries.AsNoTracking()
                .Where(e => e.SubjectType == "ChannelPause" && e.Action == "channel.paused" && ids.Contains(e.SubjectId))
                .Select(e => new { e.SubjectId, e.Actor })
                .ToListAsync(cancellationToken))
            .ToDictionary(e => e.SubjectId, e => e.Actor);
        return rows
            .Select(r => new StandingPause(RowMapping.ToPause(r), pausedBy.GetValueOrDefault(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ""), r.PausedAt))
            .ToList();
    }

    private static string Capitalised(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);
}

/// <summary>A pause not yet lifted or over, with who paused it (the audit log's name for them) and when.</summary>
public sealed record StandingPause(ChannelPause Pause, string PausedBy, Instant PausedAt);
