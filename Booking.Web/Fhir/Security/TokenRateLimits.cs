using System.Threading.RateLimiting;
using Booking.Data.Instances;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// The token endpoint's own limits, apart from the FHIR API's per-client limit, so that anonymous traffic to
/// <c>metadata</c> or <c>$bulk-publish</c> from an address cannot use up that address's token requests. Two windows:
/// per client address, and per claimed client id and address together. The claimed id is unverified when it is
/// counted, so it is never counted alone: a stranger naming another consumer's client id uses up only their own
/// address's allowance, never the consumer's. Counted in the store <see cref="RateLimitStores.Choose"/> picks, as the
/// API's limit is.
/// </summary>
internal sealed class TokenRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perClientAndAddress;

    public TokenRateLimits(IConfiguration configuration, SharedRateLimits shared)
    {
        var store = RateLimitStores.Choose(configuration);
        _perAddress = Window(store, shared, "token:address", configuration.GetValue("Fhir:TokenRateLimit:PerAddressPerMinute", 120));
        _perClientAndAddress = Window(store, shared, "token:client", configuration.GetValue("Fhir:TokenRateLimit:PerClientPerMinute", 30));
    }

    /// <summary>How long the caller should wait before asking again, when this request is one too many.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    public ValueTask<bool> TryAcquireForAddressAsync(HttpContext context) =>
        AcquireAsync(_perAddress, Address(context), context.RequestAborted);

    public ValueTask<bool> TryAcquireForClientAsync(HttpContext context, string claimedClientId) =>
        AcquireAsync(_perClientAndAddress, claimedClientId + "@" + Address(context), context.RequestAborted);

    public void Dispose()
    {
        _perAddress.Dispose();
        _perClientAndAddress.Dispose();
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // As the rate limiting middleware does: the permits at hand first, and only without them the slower path, which
    // for the database store may lease a block (an in-memory window with no queue refuses there at once).
    private static async ValueTask<bool> AcquireAsync(PartitionedRateLimiter<string> limiter, string key, CancellationToken cancellationToken)
    {
        using (var atHand = limiter.AttemptAcquire(key))
        {
            if (atHand.IsAcquired)
            {
                return true;
            }
        }

        using var leased = await limiter.AcquireAsync(key, 1, cancellationToken);
        return leased.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Window(RateLimitStore store, SharedRateLimits shared, string scope, int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitStores.PerMinute(store, () => shared, scope, key, permitsPerMinute));
}
