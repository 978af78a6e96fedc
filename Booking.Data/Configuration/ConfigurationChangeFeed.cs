using Microsoft.Extensions.Logging;

namespace Booking.Data.Configuration;

/// <summary>A configuration write committed (rota, closure, leave, release rule, quota, practice): the version it raised the practice to.</summary>
/// <param name="Version">The practice's configuration version after the change.</param>
public sealed record ConfigurationChangeNotice(long Version);

/// <summary>
/// Tells the screens open in this process that the practice configuration changed, so an appointment book re-reads its
/// slots then instead of polling for rota and release rule edits.
/// </summary>
public sealed class ConfigurationChangeFeed(ILogger<ConfigurationChangeFeed> logger) : ChangeFeed<ConfigurationChangeNotice>(logger);
