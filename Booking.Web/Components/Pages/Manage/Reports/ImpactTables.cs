using System.Globalization;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Data.Reporting;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Reports;

/// <summary>
/// The impact report as one table (figure, before, after, difference), the days each side measured first: the page shows
/// it beside the chart and the CSV download carries the same rows with plain numbers.
/// </summary>
internal static class ImpactTables
{
    public const string Key = "impact";

    public const string CsvPath = "/manage/reports/impact/csv";

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<string> Header = ["Figure", "Before", "After", "Difference (after − before)"];

    /// <summary>Where the CSV of the report for <paramref name="changeDate"/> and <paramref name="weeks"/> downloads from.</summary>
    public static string Path(LocalDate changeDate, int weeks) =>
        $"{CsvPath.TrimStart('/')}?date={Formats.Iso(changeDate)}&weeks={weeks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The days compared, both sides, for file names.</summary>
    public static DateInterval Asked(ImpactComparison comparison) =>
        new(comparison.Before.Window.Asked.Start, comparison.After.Window.Asked.End);

    public static ReportTable For(ImpactReportSet set)
    {
        var comparison = set.Comparison;
        var figures = comparison.Rows();
        var days = new[] { "Days measured", Count(comparison.Before.Window.DaysCovered), Count(comparison.After.Window.DaysCovered), "" };
        var weeks = new[] { "Whole weeks in the per-week figures", Count(WholeWeeks(comparison.Before.Window)), Count(WholeWeeks(comparison.After.Window)), "" };
        var shown = figures.Select(row => new[] { Label(row, set), Value(row.Measure, row.Before), Value(row.Measure, row.After), Difference(row) });
        var csv = figures.Select(row => new[] { Label(row, set), Plain(row.Measure, row.Before), Plain(row.Measure, row.After), Plain(row.Measure, row.Difference) });
        return new ReportTable(
            Key,
            $"Before and after {Formats.ShortDay(comparison.ChangeDate)} {comparison.ChangeDate.Year}",
            Header,
            [days, weeks, .. shown],
            [days, weeks, .. csv]);
    }

    private static int WholeWeeks(ImpactWindow window) => (window.WholeWeeks?.Length ?? 0) / 7;

    /// <summary>What cut a side short, in words; null when it covers every day asked for.</summary>
    public static string? Cut(ImpactWindow window) => (window.CutByHistoryStart, window.CutByToday, window.DaysCovered) switch
    {
        (_, true, 0) => "it has not happened yet",
        (true, true, _) => "the practice's history starts later and the rest has not happened yet",
        (true, false, 0) => "it is before the practice's history",
        (true, false, _) => "the practice's history starts later",
        (false, true, _) => "the rest has not happened yet (only complete days up to yesterday count)",
        _ => null,
    };

    public static string Label(ImpactRow row, ImpactReportSet set) => row.Measure switch
    {
        ImpactMeasure.OfferedPerWeek => $"Slots offered per week: {Channel(row.Channel)}",
        ImpactMeasure.BookedPerWeek => $"Booked per week: {Channel(row.Channel)}",
        ImpactMeasure.DnaRate => "DNA rate",
        ImpactMeasure.MedianDaysToAppointment => "Median days from booking to appointment",
        ImpactMeasure.MedianThirdNextAvailable => $"Median third next available at 08:00 (days): {SlotSummary.Service(set.Configuration, row.ServiceId!.Value)}",
        ImpactMeasure.OnlineUnbookedShare => "Online slots left unbooked",
        _ => row.Measure.ToString(),
    };

    public static string Channel(ChannelKind? channel) => channel switch
    {
        ChannelKind.Reception => "reception",
        ChannelKind.Online => "online",
        ChannelKind.Organisation => "organisations (NHS 111, hubs)",
        _ => "",
    };

    private static bool IsShare(ImpactMeasure measure) => measure is ImpactMeasure.DnaRate or ImpactMeasure.OnlineUnbookedShare;

    private static string Value(ImpactMeasure measure, double? value) => value switch
    {
        null => "–",
        { } share when IsShare(measure) => share.ToString("0.0%", British),
        { } number => number.ToString("0.#", British),
    };

    // Shares differ in percentage points, not per cent of the "before" figure.
    private static string Difference(ImpactRow row) => row.Difference switch
    {
        null => "–",
        { } share when IsShare(row.Measure) => $"{(share * 100).ToString("+0.0;−0.0;0.0", British)} points",
        { } number => number.ToString("+0.#;−0.#;0", British),
    };

    // The CSV keeps numbers a spreadsheet can add up: shares as fractions, no signs or units, empty when missing.
    private static string Plain(ImpactMeasure measure, double? value) => value switch
    {
        null => "",
        { } share when IsShare(measure) => share.ToString("0.####", CultureInfo.InvariantCulture),
        { } number => number.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Count(int value) => value.ToString(British);
}
