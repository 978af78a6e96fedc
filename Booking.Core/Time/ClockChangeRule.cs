using NodaTime;
using NodaTime.TimeZones;

namespace Booking.Core.Time;

/// <summary>
/// The one rule that turns a rota's local wall-clock time into an instant on the two clock-change days.
/// <list type="bullet">
/// <item><b>Repeated</b> local time (autumn, 01:00–02:00 occurs twice): the <b>earlier</b> occurrence,
/// i.e. the summer-time offset. A session keeps its place in the first pass of the hour.</item>
/// <item><b>Skipped</b> local time (spring, 01:00–02:00 never happens): the instant the clocks go forward
/// (02:00 BST). A slot whose local <em>start</em> is skipped cannot take place and is not offered
/// (see <see cref="IsSkipped"/>); a slot that merely <em>ends</em> in the gap ends when the clocks jump.</item>
/// </list>
/// Why this rule: it maps local times to instants in order (never backwards), so slots that do not overlap
/// on the wall clock never overlap in real time either, and every local start time that exists keeps its
/// wall-clock reading. Shifting skipped times forward by the gap instead would stack them on the real
/// 02:00–03:00 slots. The cost: on the autumn day a slot starting in the repeated hour and ending at or
/// after 02:00 lasts an hour longer in elapsed time, because it ends when the wall clock first shows its end.
/// </summary>
public static class ClockChangeRule
{
    /// <summary>The rule as a NodaTime resolver: ambiguous → earlier offset, skipped → start of the interval after the gap.</summary>
    public static ZoneLocalMappingResolver Resolver { get; } =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The instant <paramref name="local"/> denotes in <paramref name="zone"/> under this rule.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return local.InZone(zone, Resolver).ToInstant();
    }

    /// <summary>True when the wall clock never shows <paramref name="local"/> in <paramref name="zone"/> (the spring gap).</summary>
    public static bool IsSkipped(LocalDateTime local, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.MapLocal(local).Count == 0;
    }
}
