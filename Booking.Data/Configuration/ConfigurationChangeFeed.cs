using Booking.Data.Instances;
using Microsoft.Extensions.Logging;

namespace Booking.Data.Configuration;

/// <summary>A configuration write committed (rota, closure, leave, release rule, quota, practice): the version it raised the practice to.</summary>
/// <param name="Version">The practice's configuration version after the change.</param>
public sealed record ConfigurationChangeNotice(long Version);

/// <summary>
/// Tells the screens and caches of this process that the practice configuration changed (here, or through
/// <see cref="ChangeNoticeRelay"/> on another instance or in an operator command), so an appointment book re-reads its
/// slots then instead of polling for rota and release rule edits.
/// </summary>
public sealed class ConfigurationChangeFeed(ILogger<ConfigurationChangeFeed> logger, AppInstance? instance = null)
    : ChangeFeed<ConfigurationChangeNotice>(logger, instance)
{
    private protected override IEnumerable<ChangeNoticeRow> ToRows(ConfigurationChangeNotice notice) =>
        [new ChangeNoticeRow { Kind = ChangeNoticeRow.ConfigurationKind, ConfigurationVersion = notice.Version }];

    internal override ConfigurationChangeNotice? FromRow(ChangeNoticeRow row) =>
        row.Kind == ChangeNoticeRow.ConfigurationKind && row.ConfigurationVersion is { } version ? new ConfigurationChangeNotice(version) : null;
}
