using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Instances;

/// <summary>
/// Passes on to this process's change feeds the changes that other processes on the database committed: other app
/// instances behind a load balancer on one server database, or an operator command on the SQLite file. Every writer
/// records its notice in its own write transaction (<see cref="ChangeNoticeRow"/>); this reads the rows after the last
/// one it saw every <see cref="PollInterval"/> and publishes the others' (its own were published at commit). So an
/// open appointment book redraws a booking made on another instance, and the availability index, the kept API clients
/// and the kept search answers drop what it made stale, within about a quarter of a second.
/// </summary>
/// <remarks>
/// <para>Why reading after the last id misses nothing: ids are given at insert, and every writer inserts its notice
/// after taking the database's write lock (<see cref="WriteTransaction"/>) and commits before releasing it, so ids rise
/// in commit order, and a read that sees a row sees every row below it.</para>
/// <para>Rows are kept for <see cref="Retention"/>. A relay that has not read for half that long (the database was
/// unreachable, the process was paused) cannot know what it missed, so it treats the gap as a configuration change:
/// every screen and cache of the process reads afresh from the database.</para>
/// <para>Polling rather than a provider's own notification (PostgreSQL's <c>LISTEN</c>, SQL Server's query
/// notifications) keeps one provider-neutral path that SQLite and the server databases share and the tests exercise;
/// the read is one indexed range scan that usually returns nothing.</para>
/// </remarks>
public sealed class ChangeNoticeRelay(
    IDbContextFactory<BookingDbContext> dbFactory,
    AppointmentChangeFeed appointments,
    ConfigurationChangeFeed configuration,
    IClock clock,
    ILogger<ChangeNoticeRelay> logger) : BackgroundService
{
    /// <summary>How often the database is asked for other processes' changes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a notice is kept for relays to read.</summary>
    public static readonly Duration Retention = Duration.FromMinutes(10);

    /// <summary>How often this relay deletes notices past <see cref="Retention"/>.</summary>
    private static readonly Duration CleanupInterval = Duration.FromMinutes(1);

    /// <summary>Rows read per query; a longer backlog is read in several.</summary>
    private const int BatchSize = 500;

    private readonly SemaphoreSlim _polling = new(1, 1);
    private long? _lastSeen;
    private Instant _lastRead;
    private Instant _nextCleanup;

    /// <summary>
    /// Starts listening from the changes committed so far (what this process reads from now on already includes them).
    /// The app does this before it serves its first request; a test, before the changes it wants relayed.
    /// </summary>
    public async Task StartListeningAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            _lastSeen = await db.ChangeNotices.MaxAsync(n => (long?)n.Id, cancellationToken) ?? 0;
            _lastRead = clock.GetCurrentInstant();
            _nextCleanup = _lastRead;
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <summary>Publishes every change other processes committed since the last call; returns how many it published.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            var lastSeen = _lastSeen ?? throw new InvalidOperationException("Call StartListeningAsync first.");
            var now = clock.GetCurrentInstant();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var published = 0;
            if (now - _lastRead > Retention / 2)
            {
                logger.LogWarning("No change notices were read for {Gap}: every screen and cache reads afresh", now - _lastRead);
                published += await PublishDoubtAsync(db, cancellationToken);
            }

            List<ChangeNoticeRow> rows;
            do
            {
                rows = await db.ChangeNotices.AsNoTracking()
                    .Where(n => n.Id > lastSeen)
                    .OrderBy(n => n.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    lastSeen = row.Id;
                    if (row.Instance != appointments.Instance.Id && row.Instance != configuration.Instance.Id)
                    {
                        published += await PublishAsync(db, row, cancellationToken);
                    }
                }

                _lastSeen = lastSeen;
            }
            while (rows.Count == BatchSize);

            _lastRead = now;
            if (now >= _nextCleanup)
            {
                await DeleteExpiredAsync(db, now, cancellationToken);
                _nextCleanup = now + CleanupInterval;
            }

            return published;
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app listens, so nothing it reads can predate the point the relay starts from.
        await StartListeningAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a long enough failure is a gap, which the next successful read repairs.
                logger.LogWarning(exception, "Reading the change notices failed");
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _polling.Dispose();
        base.Dispose();
    }

    private async Task<int> PublishAsync(BookingDbContext db, ChangeNoticeRow row, CancellationToken cancellationToken)
    {
        if (appointments.FromRow(row) is { } appointment)
        {
            appointments.Publish(appointment);
            return 1;
        }

        if (configuration.FromRow(row) is { } changed)
        {
            configuration.Publish(changed);
            return 1;
        }

        // Written by a newer version of the app (a rolling upgrade): what it changed is unknown here, so read afresh.
        logger.LogWarning("Change notice {NoticeId} of kind {Kind} is not understood: every screen and cache reads afresh", row.Id, row.Kind);
        return await PublishDoubtAsync(db, cancellationToken);
    }

    private async Task<int> PublishDoubtAsync(BookingDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Practice.AsNoTracking().Select(p => (long?)p.ConfigurationVersion).SingleOrDefaultAsync(cancellationToken) ?? 0;
        configuration.Publish(new ConfigurationChangeNotice(version));
        return 1;
    }

    private static async Task DeleteExpiredAsync(BookingDbContext db, Instant now, CancellationToken cancellationToken)
    {
        var expired = now - Retention;
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);
        await db.ChangeNotices.Where(n => n.WrittenAt < expired).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
