using System.Threading.RateLimiting;
using Booking.Data.Instances;
using Booking.Data.Storage;
using NodaTime;

namespace Booking.Web.Fhir.Security;

/// <summary>Where the FHIR API's and the token endpoint's rate limit windows are counted.</summary>
internal enum RateLimitStore
{
    /// <summary>In this process's memory: right for one instance, the SQLite default.</summary>
    Memory,

    /// <summary>In the database (<see cref="SharedRateLimits"/>), so every instance on a server database shares each allowance.</summary>
    Database,
}

/// <summary>Chooses the <see cref="RateLimitStore"/> and makes the per-minute windows counted in it.</summary>
internal static class RateLimitStores
{
    /// <summary>The setting that forces the store (<c>Memory</c> or <c>Database</c>); by provider when absent.</summary>
    public const string Setting = "Fhir:RateLimit:Store";

    /// <summary>
    /// The configured store, case-insensitively; when none is configured, memory on SQLite (one instance per file)
    /// and the database on a server database, which several instances may share. Any other value stops start-up.
    /// </summary>
    public static RateLimitStore Choose(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return BookingDatabase.ParseProvider(configuration[BookingDatabase.ProviderSetting]) == DatabaseProvider.Sqlite
                ? RateLimitStore.Memory
                : RateLimitStore.Database;
        }

        var name = Enum.GetNames<RateLimitStore>().FirstOrDefault(n => string.Equals(n, configured.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null
            ? throw new InvalidOperationException(
                $"{Setting} is '{configured}'; it must be one of {string.Join(", ", Enum.GetNames<RateLimitStore>())}, or absent "
                + "(memory on SQLite, the database on a server database).")
            : Enum.Parse<RateLimitStore>(name);
    }

    /// <summary>
    /// A fixed window of <paramref name="permitsPerMinute"/> for <paramref name="key"/>, refusing at once when spent
    /// (no queue). In the database its partition is named <paramref name="scope"/>:<paramref name="key"/>, so limits
    /// with different scopes never share a row.
    /// </summary>
    public static RateLimitPartition<string> PerMinute(
        RateLimitStore store, Func<SharedRateLimits> shared, string scope, string key, int permitsPerMinute) =>
        store switch
        {
            RateLimitStore.Memory => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }),
            RateLimitStore.Database => RateLimitPartition.Get(key, _ => new SharedWindowLimiter(
                shared(), scope + ":" + key, new SharedRateLimitRule(permitsPerMinute, Duration.FromMinutes(1)))),
            _ => throw new ArgumentOutOfRangeException(nameof(store), store, null),
        };
}
