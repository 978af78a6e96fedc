using System.Globalization;
using Booking.Core.Reporting;
using Booking.Data.Reporting;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Reports;

/// <summary>
/// One report as a table: the page shows <see cref="Rows"/> beside its chart (charts alone fail screen readers) and the
/// CSV download carries <see cref="CsvRows"/>, which differ only where a spreadsheet wants plain values (ISO dates).
/// </summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<IReadOnlyList<string>> CsvRows)
{
    public string FileName(DateInterval range) => $"{Key}-{Formats.Iso(range.Start)}-to-{Formats.Iso(range.End)}.csv";
}

/// <summary>One entry of a chart's key.</summary>
/// <param name="Label">What it stands for.</param>
/// <param name="Colour">Its CSS colour.</param>
/// <param name="Style">How it is drawn: <c>block</c> (a bar or slice), <c>solid</c>, <c>dashed</c> or <c>dotted</c> (a line).</param>
public sealed record LegendEntry(string Label, string Colour, string Style = "block");

/// <summary>The reports of a <see cref="PracticeReportSet"/> as tables, named by service, clinician, date and band.</summary>
internal static class ReportTables
{
    public const string UtilisationByService = "utilisation-by-service";
    public const string UtilisationByClinician = "utilisation-by-clinician";
    public const string UtilisationByDay = "utilisation-by-day";
    public const string DidNotAttend = "dna-by-lead-time";
    public const string LeadTime = "time-to-appointment";
    public const string ChannelShare = "channel-share";
    public const string ThirdNextAvailable = "third-next-available";
    public const string DemandCapacity = "demand-and-capacity";
    public const string ChannelUptake = "channel-uptake";

    public static readonly IReadOnlyList<string> Keys =
        [UtilisationByService, UtilisationByClinician, UtilisationByDay, DidNotAttend, LeadTime, ChannelShare, ThirdNextAvailable, DemandCapacity, ChannelUptake];

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly string[] UtilisationHeader = ["Bookable slots", "Booked", "Utilisation"];

    public static ReportTable? For(string key, PracticeReportSet set) => key switch
    {
        UtilisationByService => Build(key, "Utilisation by service", ["Service", .. UtilisationHeader], set.ByService,
            row => [ServiceName(set, row.Key), .. Utilisation(row)]),
        UtilisationByClinician => Build(key, "Utilisation by clinician", ["Clinician", .. UtilisationHeader], set.ByPractitioner,
            row => [SlotSummary.Practitioner(set.Configuration, row.Key), .. Utilisation(row)]),
        UtilisationByDay => Build(key, "Utilisation by day", ["Date", .. UtilisationHeader], set.ByDay,
            row => [Day(row.Key), .. Utilisation(row)], row => [Formats.Iso(row.Key), .. Utilisation(row)]),
        DidNotAttend => Build(key, "Did not attend (DNA) rate by how far ahead it was booked", ["Booked ahead", "Attended", "Did not attend", "DNA rate", "National figure"],
            [.. set.Dna.ByLeadTime.Select(b => new DnaLine(Band(b.Band), b.Rate, NationalDnaRate(b.Band))), new DnaLine("All appointments", set.Dna.Overall, "")],
            row => [row.Label, Count(row.Rate.Attended), Count(row.Rate.DidNotAttend), Percent(row.Rate.Rate), row.National]),
        LeadTime => Build(key, "Time from booking to appointment", ["Booked ahead", "Appointments", "Share"], set.LeadTimes,
            row => [Band(row.Band), Count(row.Appointments), Percent(row.Share)]),
        ChannelShare => Build(key, "Channel share", ["Booked through", "Appointments", "Share"], set.Channels,
            row => [Channel(row.Group), Count(row.Appointments), Percent(row.Share)]),
        ThirdNextAvailable => Build(key, "Third next available appointment", ["Service", "Third free slot", "Days away"], set.ThirdNextAvailable,
            row => [ServiceName(set, row.ServiceId), row.ThirdFreeSlot is { } slot ? Formats.When(slot.LocalStart) : $"Fewer than 3 free in the next {ReportQueries.ThirdNextAvailableHorizonDays} days", row.Days is { } days ? Count(days) : ""],
            row => [ServiceName(set, row.ServiceId), row.ThirdFreeSlot is { } slot ? slot.LocalStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "", row.Days is { } days ? Count(days) : ""]),
        DemandCapacity => Build(key, "Demand against capacity", ["Date", "Capacity (bookable slots)", "Booked", "Bookings made that day"], set.DemandCapacity,
            row => [Day(row.Date), Count(row.Capacity), Count(row.Booked), Count(row.BookingsMade)],
            row => [Formats.Iso(row.Date), Count(row.Capacity), Count(row.Booked), Count(row.BookingsMade)]),
        ChannelUptake => Build(key, "How fast each channel's slots go", UptakeHeader, UptakeRows(set),
            row => [Day(row.Date), .. Uptake(row, row.AllTakenAt is { } at ? Formats.When(at) : "")],
            row => [Formats.Iso(row.Date), .. Uptake(row, row.AllTakenAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "")]),
        _ => null,
    };

    private static readonly string[] UptakeHeader =
        ["Date", "Channel", "Released", "Taken", "Booked through the channel", "Left", "All taken at", "Refused: none left", "Refused: other reason"];

    /// <summary>The uptake rows worth a line: days with slots released to the channel or attempts refused (not weekends).</summary>
    public static IReadOnlyList<ChannelUptakeRow> UptakeRows(PracticeReportSet set) =>
        set.Uptake.Where(r => r.Released > 0 || r.RefusedNoneLeft > 0 || r.RefusedOther > 0).ToList();

    private static string[] Uptake(ChannelUptakeRow row, string allTakenAt) =>
        [Channel(row.Group), Count(row.Released), Count(row.Taken), Count(row.BookedThroughChannel), Count(row.Left), allTakenAt, Count(row.RefusedNoneLeft), Count(row.RefusedOther)];

    public static string Band(LeadTimeBand band) => band switch
    {
        LeadTimeBand.SameDay => "Same day",
        LeadTimeBand.OneDay => "1 day",
        LeadTimeBand.TwoToSevenDays => "2–7 days",
        LeadTimeBand.EightToFourteenDays => "8–14 days",
        _ => "Over 14 days",
    };

    /// <summary>The national DNA figures by lead time (about 2% same day, 5% next day, 7–9% beyond a week); none is published for 2–7 days.</summary>
    public static string NationalDnaRate(LeadTimeBand band) => band switch
    {
        LeadTimeBand.SameDay => "about 2%",
        LeadTimeBand.OneDay => "about 5%",
        LeadTimeBand.TwoToSevenDays => "not published",
        _ => "about 7–9%",
    };

    /// <summary>The national figure as one number for the chart's reference line (the middle of 7–9%); null where none is published.</summary>
    public static double? NationalDnaPercent(LeadTimeBand band) => band switch
    {
        LeadTimeBand.SameDay => 2,
        LeadTimeBand.OneDay => 5,
        LeadTimeBand.TwoToSevenDays => null,
        _ => 8,
    };

    public static string Channel(ChannelGroup group) => group switch
    {
        ChannelGroup.Reception => "Reception",
        ChannelGroup.Online => "Online",
        ChannelGroup.Nhs111 => "NHS 111",
        _ => "Other organisations",
    };

    public static string ServiceName(PracticeReportSet set, int serviceId) => SlotSummary.Service(set.Configuration, serviceId);

    public static string Day(LocalDate date) => $"{Formats.ShortDay(date)} {date.Year}";

    public static string Percent(double? share) => share is { } value ? value.ToString("0.0%", British) : "–";

    private static string Count(int value) => value.ToString(British);

    private static string[] Utilisation<TKey>(UtilisationRow<TKey> row) => [Count(row.Bookable), Count(row.Booked), Percent(row.Rate)];

    private sealed record DnaLine(string Label, DnaRate Rate, string National);

    private static ReportTable Build<T>(
        string key, string title, IReadOnlyList<string> header, IEnumerable<T> rows, Func<T, string[]> display, Func<T, string[]>? csv = null)
    {
        var list = rows.ToList();
        return new ReportTable(key, title, header, list.Select(display).ToList(), list.Select(csv ?? display).ToList());
    }
}
