using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Core.Scheduling;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Scheduling;

/// <summary>
/// A session layout as JSON text: an array of segments in time order, each
/// <c>{"start":"08:30","end":"11:00","serviceId":1,"minutes":10}</c> for a run of slots or
/// <c>{"start":"11:00","end":"11:10"}</c> for a break. Reading rebuilds the layout through Core, so a stored
/// layout that Core would refuse fails loudly rather than producing wrong slots.
/// </summary>
internal static class SessionLayoutJson
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static string Write(SessionLayout layout) =>
        JsonSerializer.Serialize(layout.Segments.Select(segment => segment switch
        {
            SlotRun run => new SegmentJson(Format(run.Times.Start), Format(run.Times.End), run.ServiceId, run.SlotLength.Minutes),
            _ => new SegmentJson(Format(segment.Times.Start), Format(segment.Times.End), null, null),
        }));

    public static SessionLayout Read(string json)
    {
        var segments = JsonSerializer.Deserialize<List<SegmentJson>>(json)
            ?? throw new InvalidDataException("A stored session layout is empty.");
        return SessionLayout.Create(segments.Select(segment =>
        {
            var times = new LocalTimeRange(Parse(segment.Start), Parse(segment.End));
            return segment is { ServiceId: { } serviceId, Minutes: { } minutes }
                ? (SessionSegment)new SlotRun(times, serviceId, SlotLength.FromMinutes(minutes))
                : new SessionBreak(times);
        }));
    }

    /// <summary>The service ids a layout's slot runs use, for checking they exist.</summary>
    public static IEnumerable<int> ServiceIds(SessionLayout layout) =>
        layout.Segments.OfType<SlotRun>().Select(run => run.ServiceId).Distinct();

    private static string Format(LocalTime time) => TimePattern.Format(time);

    private static LocalTime Parse(string text) =>
        TimePattern.Parse(text).GetValueOrThrow();

    private sealed record SegmentJson(
        [property: JsonPropertyName("start")] string Start,
        [property: JsonPropertyName("end")] string End,
        [property: JsonPropertyName("serviceId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ServiceId,
        [property: JsonPropertyName("minutes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Minutes);
}
