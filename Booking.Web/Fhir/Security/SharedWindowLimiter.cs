using System.Diagnostics;
using System.Threading.RateLimiting;
using Booking.Data.Instances;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// One partition's window of <see cref="SharedRateLimits"/> as a <see cref="RateLimiter"/>, for the rate limiting
/// middleware and <see cref="TokenRateLimits"/>. The middleware calls <see cref="RateLimiter.AttemptAcquire"/> first,
/// answered from the permits this instance holds, and only when that fails <see cref="RateLimiter.AcquireAsync"/>,
/// which may lease a block from the database. It keeps no count of its own: the partitioned limiter may drop it when
/// idle and make another.
/// </summary>
internal sealed class SharedWindowLimiter : RateLimiter
{
    private readonly SharedRateLimits _limits;
    private readonly string _partition;
    private readonly SharedRateLimitRule _rule;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public SharedWindowLimiter(SharedRateLimits limits, string partition, SharedRateLimitRule rule)
    {
        _limits = limits;
        _partition = partition;
        _rule = rule;
    }

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    // The count lives in the database; this instance's share of it is no statistic of the window's.
    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        return Lease.Of(_limits.TryAcquireHeld(_partition, _rule, permitCount));
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        return Lease.Of(await _limits.TryAcquireAsync(_partition, _rule, permitCount, cancellationToken));
    }

    /// <summary>A fixed window's permits are spent, not returned, so a lease has nothing to give back.</summary>
    private sealed class Lease(bool acquired) : RateLimitLease
    {
        private static readonly Lease Acquired = new(true);
        private static readonly Lease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public static Lease Of(bool acquired) => acquired ? Acquired : Refused;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
