using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Instances;

/// <summary>
/// Fixed-window rate limits counted in the database (<see cref="RateLimitWindowRow"/>), so that every app instance
/// on a server database draws on one allowance per partition instead of each having its own.
/// </summary>
/// <remarks>
/// <para>The guarantee: in one window of one partition, all instances together never hand out more than the rule's
/// <see cref="SharedRateLimitRule.PermitLimit"/>. Every permit handed out was first added to the window's
/// <see cref="RateLimitWindowRow.Used"/> by a statement whose own <c>WHERE</c> holds the sum to the limit
/// (<c>Used + n &lt;= limit</c>, or <c>Used = seen</c> for the last few), so two instances leasing at once cannot both
/// count from the same old value: the database applies one update, the other matches no row and tries again.</para>
/// <para>The cost: asking the database for every request would be a round trip each at thousands a second, so an
/// instance leases a block (<see cref="SharedRateLimitRule.Block"/>, a twentieth of the limit) and hands it out from
/// memory. Permits leased and not yet handed out when the window ends are lost, so an instance may refuse while
/// another still holds unspent permits of its block: a partition may get up to (instances − 1) × block fewer than the
/// limit in a window (with the default block and two instances, 5% fewer), never more.</para>
/// <para>No <see cref="WriteTransaction"/>: bookings queue on the write lock, and a rate limit must not wait behind
/// them. Each statement commits on its own; the counter needs no more than one row's atomic update.</para>
/// <para>Windows are aligned to the clock (a window starts at a whole multiple of its length since the Unix epoch), so
/// instances agree on which row they count in, as far as their clocks agree.</para>
/// </remarks>
public sealed class SharedRateLimits
{
    /// <summary>The longest window a rule may have: rows older than this are deleted now and then.</summary>
    public static readonly Duration LongestWindow = Duration.FromHours(1);

    private const string Table = "RateLimitWindows";

    private static readonly Duration SweepEvery = Duration.FromMinutes(10);

    private readonly IDbContextFactory<BookingDbContext> _dbFactory;
    private readonly IClock _clock;
    private readonly ILogger<SharedRateLimits> _logger;
    private readonly ConcurrentDictionary<string, HeldPermits> _held = new(StringComparer.Ordinal);
    private long _nextSweepTicks = long.MinValue;

    /// <summary>Counts in the database <paramref name="dbFactory"/> opens, in windows of <paramref name="clock"/>'s time.</summary>
    public SharedRateLimits(IDbContextFactory<BookingDbContext> dbFactory, IClock clock, ILogger<SharedRateLimits> logger)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>
    /// Takes <paramref name="permits"/> from what this instance already holds for <paramref name="partition"/>'s
    /// current window, without the database: true when it held enough. False says only that this instance holds too
    /// few; <see cref="TryAcquireAsync"/> asks the database for more.
    /// </summary>
    public bool TryAcquireHeld(string partition, SharedRateLimitRule rule, int permits = 1)
    {
        CheckPermits(rule, permits);
        var window = WindowStartOf(_clock.GetCurrentInstant(), rule.Window);
        return HeldFor(partition).TryTake(window, permits, out _);
    }

    /// <summary>
    /// Takes <paramref name="permits"/> for <paramref name="partition"/>'s current window: from what this instance
    /// holds, or else by leasing a block from the window's row. False when the window's limit is spent, by every
    /// instance together; after that this instance answers false from memory until the window ends.
    /// </summary>
    public async ValueTask<bool> TryAcquireAsync(string partition, SharedRateLimitRule rule, int permits = 1, CancellationToken cancellationToken = default)
    {
        CheckPermits(rule, permits);
        var now = _clock.GetCurrentInstant();
        var window = WindowStartOf(now, rule.Window);
        var held = HeldFor(partition);
        if (held.TryTake(window, permits, out var spent) || spent)
        {
            return !spent;
        }

        // One lease per partition at a time in this instance: requests arriving meanwhile wait for its block
        // instead of each leasing one.
        await held.Leasing.WaitAsync(cancellationToken);
        try
        {
            if (held.TryTake(window, permits, out spent) || spent)
            {
                return !spent;
            }

            var asked = Math.Max(rule.Block, permits);
            var leased = await LeaseAsync(StoredPartition(partition), window, rule.PermitLimit, asked, cancellationToken);
            await SweepIfDueAsync(now, cancellationToken);
            return held.AddAndTake(window, leased, windowSpent: leased < asked, permits);
        }
        finally
        {
            held.Leasing.Release();
        }
    }

    /// <summary>
    /// Deletes the windows that began more than <see cref="LongestWindow"/> ago, which no rule counts in any more, and
    /// forgets this instance's permits held for them. Runs by itself every few minutes while leases are taken.
    /// </summary>
    public async Task<int> DeleteOldWindowsAsync(CancellationToken cancellationToken = default)
    {
        var before = _clock.GetCurrentInstant() - LongestWindow;
        foreach (var (partition, held) in _held)
        {
            if (held.WindowStart < before)
            {
                _held.TryRemove(new KeyValuePair<string, HeldPermits>(partition, held));
            }
        }

        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RateLimitWindows.Where(w => w.WindowStart < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The start of the window of length <paramref name="window"/> that <paramref name="now"/> falls in.</summary>
    public static Instant WindowStartOf(Instant now, Duration window)
    {
        var ticks = now.ToUnixTimeTicks();
        var length = window.BclCompatibleTicks;
        return Instant.FromUnixTimeTicks(ticks - (((ticks % length) + length) % length));
    }

    /// <summary>
    /// The name the row carries: <paramref name="partition"/> itself, or for one too long for the column (an address
    /// with a claimed client id is the caller's to make long) its start and a hash of the whole.
    /// </summary>
    public static string StoredPartition(string partition)
    {
        if (partition.Length <= RateLimitWindowRow.PartitionMaxLength)
        {
            return partition;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(partition)));
        return partition[..(RateLimitWindowRow.PartitionMaxLength - hash.Length - 1)] + "#" + hash;
    }

    private static void CheckPermits(SharedRateLimitRule rule, int permits) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, rule.PermitLimit);

    private HeldPermits HeldFor(string partition) => _held.GetOrAdd(partition, _ => new HeldPermits());

    /// <summary>
    /// Adds up to <paramref name="asked"/> to the window's <see cref="RateLimitWindowRow.Used"/>, never past
    /// <paramref name="limit"/>, and returns how many it added: <paramref name="asked"/>, fewer when fewer are left,
    /// none when the window is spent.
    /// </summary>
    private async Task<int> LeaseAsync(string partition, Instant window, int limit, int asked, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var thisWindow = db.RateLimitWindows.Where(w => w.Partition == partition && w.WindowStart == window);

        // Each pass either takes permits or finds that another instance changed the row since this one read it; every
        // such change spends permits, so the passes end once the window is spent.
        while (true)
        {
            // The common case, one statement: a whole block is left.
            if (await thisWindow.Where(w => w.Used + asked <= limit)
                    .ExecuteUpdateAsync(set => set.SetProperty(w => w.Used, w => w.Used + asked), cancellationToken) == 1)
            {
                return asked;
            }

            var used = await thisWindow.Select(w => (int?)w.Used).SingleOrDefaultAsync(cancellationToken);
            if (used is null)
            {
                if (await TryInsertAsync(db, partition, window, asked, cancellationToken))
                {
                    return asked;
                }

                continue;
            }

            var left = limit - used.Value;
            if (left <= 0)
            {
                return 0;
            }

            // Less than a block is left: take the rest, unless another instance took some since the read.
            if (await thisWindow.Where(w => w.Used == used.Value)
                    .ExecuteUpdateAsync(set => set.SetProperty(w => w.Used, w => w.Used + left), cancellationToken) == 1)
            {
                return left;
            }
        }
    }

    // The first lease of a window makes its row. Another instance making it at the same moment wins the key; this
    // one then counts in that row like any other lease.
    private static async Task<bool> TryInsertAsync(BookingDbContext db, string partition, Instant window, int used, CancellationToken cancellationToken)
    {
        db.RateLimitWindows.Add(new RateLimitWindowRow { Partition = partition, WindowStart = window, Used = used });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (WriteTransaction.IsUniqueViolation(exception, Table, nameof(RateLimitWindowRow.Partition)))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task SweepIfDueAsync(Instant now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.ToUnixTimeTicks() < due
            || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).ToUnixTimeTicks(), due) != due)
        {
            return;
        }

        var deleted = await DeleteOldWindowsAsync(cancellationToken);
        _logger.LogDebug("Deleted {Count} old rate limit windows", deleted);
    }

    /// <summary>What this instance has leased of one partition's current window and not yet handed out.</summary>
    private sealed class HeldPermits
    {
        private readonly Lock _lock = new();
        private int _permits;
        private bool _windowSpent;

        public SemaphoreSlim Leasing { get; } = new(1, 1);

        public Instant WindowStart { get; private set; } = Instant.MinValue;

        /// <summary>True when it took them; <paramref name="windowSpent"/> when no instance can lease more this window.</summary>
        public bool TryTake(Instant window, int permits, out bool windowSpent)
        {
            lock (_lock)
            {
                MoveTo(window);
                if (_permits >= permits)
                {
                    _permits -= permits;
                    windowSpent = false;
                    return true;
                }

                windowSpent = _windowSpent;
                return false;
            }
        }

        public bool AddAndTake(Instant window, int leased, bool windowSpent, int permits)
        {
            lock (_lock)
            {
                // A lease that finished after its window ended was for a window no request counts in any more.
                if (window != WindowStart)
                {
                    return false;
                }

                _permits += leased;
                _windowSpent |= windowSpent;
                if (_permits >= permits)
                {
                    _permits -= permits;
                    return true;
                }

                return false;
            }
        }

        private void MoveTo(Instant window)
        {
            if (window != WindowStart)
            {
                WindowStart = window;
                _permits = 0;
                _windowSpent = false;
            }
        }
    }
}

/// <summary>
/// A fixed-window limit: at most <see cref="PermitLimit"/> permits per <see cref="Window"/>, shared by every instance
/// (<see cref="SharedRateLimits"/>).
/// </summary>
public sealed record SharedRateLimitRule
{
    /// <summary>A rule of <paramref name="permitLimit"/> permits per <paramref name="window"/>, leased a twentieth at a time.</summary>
    public SharedRateLimitRule(int permitLimit, Duration window)
        : this(permitLimit, window, Math.Max(1, permitLimit / 20))
    {
    }

    /// <summary>
    /// A rule leased <paramref name="block"/> permits at a time: more means fewer database trips, and more permits an
    /// instance may be left holding unspent when the window ends.
    /// </summary>
    public SharedRateLimitRule(int permitLimit, Duration window, int block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block, permitLimit);
        if (window <= Duration.Zero || window > SharedRateLimits.LongestWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"A shared window lasts more than nothing and at most {SharedRateLimits.LongestWindow}.");
        }

        PermitLimit = permitLimit;
        Window = window;
        Block = block;
    }

    /// <summary>Permits per window, across every instance.</summary>
    public int PermitLimit { get; }

    /// <summary>How long a window lasts; windows are aligned to the clock.</summary>
    public Duration Window { get; }

    /// <summary>How many permits an instance leases from the database at a time.</summary>
    public int Block { get; }
}
