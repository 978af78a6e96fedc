using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Core.Release;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Release;

/// <summary>
/// The JSON text columns of release rules, quotas and patient caps: channel selectors, release terms and hand-back.
/// Durations are whole seconds; local times <c>HH:mm</c>. Reading goes back through Core's constructors.
/// </summary>
internal static class ReleaseJson
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string WriteSelector(ChannelSelectorSpec selector) => JsonSerializer.Serialize(ToJson(selector), Options);

    public static ChannelSelectorSpec ReadSelector(string json) => FromJson(Deserialize<SelectorJson>(json));

    public static string WriteChannels(IEnumerable<ChannelReleaseSpec> channels) =>
        JsonSerializer.Serialize(channels.Select(c => new ChannelReleaseJson(ToJson(c.Channel), c.Overrides is null ? null : ToJson(c.Overrides))), Options);

    public static IReadOnlyList<ChannelReleaseSpec> ReadChannels(string json) =>
        Deserialize<List<ChannelReleaseJson>>(json)
            .Select(c => new ChannelReleaseSpec(FromJson(c.Channel), c.Overrides is null ? null : FromJson(c.Overrides)))
            .ToList();

    public static string WriteTerms(ReleaseTerms terms) => JsonSerializer.Serialize(ToJson(terms), Options);

    public static ReleaseTerms ReadTerms(string json) => FromJson(Deserialize<TermsJson>(json));

    public static string? WriteHandBack(HandBackSpec? handBack) => handBack is null
        ? null
        : JsonSerializer.Serialize(new HandBackJson(Seconds(handBack.BeforeStart), ToJson(handBack.To)), Options);

    public static HandBackSpec? ReadHandBack(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var handBack = Deserialize<HandBackJson>(json);
        return new HandBackSpec(Duration.FromSeconds(handBack.BeforeStartSeconds), FromJson(handBack.To));
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("A stored release setting is empty.");

    private static SelectorJson ToJson(ChannelSelectorSpec selector) =>
        new(selector.Kind, selector.OdsCode, selector.OrganisationType, selector.Name);

    private static ChannelSelectorSpec FromJson(SelectorJson json) =>
        ChannelSelectorSpec.Restore(json.Kind, json.OdsCode, json.OrganisationType, json.Name);

    private static TermsJson ToJson(ReleaseTerms terms) => new(
        terms.Embargo switch
        {
            null => null,
            LocalTimeDaysBefore local => new EmbargoJson(local.Days, TimePattern.Format(local.Time), null),
            DurationBeforeStart before => new EmbargoJson(null, null, Seconds(before.Before)),
            var other => throw new NotSupportedException($"Release time {other.GetType().Name} cannot be stored."),
        },
        terms.BookingWindowDays,
        terms.MinimumNotice is { } notice ? Seconds(notice) : null);

    private static ReleaseTerms FromJson(TermsJson json) => new(
        json.Embargo switch
        {
            null => null,
            { DaysBefore: { } days, Time: { } time } => ReleaseTime.DaysBefore(days, TimePattern.Parse(time).GetValueOrThrow()),
            { BeforeStartSeconds: { } seconds } => ReleaseTime.BeforeStart(Duration.FromSeconds(seconds)),
            _ => throw new InvalidDataException("A stored embargo has neither a local time nor a duration."),
        },
        json.BookingWindowDays,
        json.MinimumNoticeSeconds is { } noticeSeconds ? Duration.FromSeconds(noticeSeconds) : null);

    private static long Seconds(Duration duration) => (long)duration.TotalSeconds;

    private sealed record SelectorJson(ChannelSelectorKind Kind, string? OdsCode, string? OrganisationType, string? Name);

    private sealed record EmbargoJson(int? DaysBefore, string? Time, long? BeforeStartSeconds);

    private sealed record TermsJson(EmbargoJson? Embargo, int? BookingWindowDays, long? MinimumNoticeSeconds);

    private sealed record ChannelReleaseJson(SelectorJson Channel, TermsJson? Overrides);

    private sealed record HandBackJson(long BeforeStartSeconds, SelectorJson To);
}
