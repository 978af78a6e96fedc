using System.Threading.RateLimiting;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// The token endpoint's own limits, apart from the FHIR API's per-client limit, so that anonymous traffic to
/// <c>metadata</c> or <c>$bulk-publish</c> from an address cannot use up that address's token requests. Two windows:
/// per client address, and per claimed client id and address together. The claimed id is unverified when it is
/// counted, so it is never counted alone: a stranger naming another consumer's client id uses up only their own
/// address's allowance, never the consumer's.
/// </summary>
internal sealed class TokenRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perClientAndAddress;

    public TokenRateLimits(IConfiguration configuration)
    {
        _perAddress = Window(configuration.GetValue("Fhir:TokenRateLimit:PerAddressPerMinute", 120));
        _perClientAndAddress = Window(configuration.GetValue("Fhir:TokenRateLimit:PerClientPerMinute", 30));
    }

    /// <summary>How long the caller should wait before asking again, when this request is one too many.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    public bool TryAcquireForAddress(HttpContext context) => Acquire(_perAddress, Address(context));

    public bool TryAcquireForClient(HttpContext context, string claimedClientId) =>
        Acquire(_perClientAndAddress, claimedClientId + "@" + Address(context));

    public void Dispose()
    {
        _perAddress.Dispose();
        _perClientAndAddress.Dispose();
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Window(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
