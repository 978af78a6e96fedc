using System.Text;

namespace Booking.Web.Infrastructure;

/// <summary>The CSV every download writes (day list, reports, audit log): RFC 4180, formula cells kept as text.</summary>
internal static class CsvDownload
{
    /// <summary>CSV of <paramref name="header"/> then <paramref name="rows"/>, each cell through <see cref="Cell"/>, CRLF line ends.</summary>
    public static string ToCsv(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder();
        AppendRow(csv, header);
        foreach (var row in rows)
        {
            AppendRow(csv, row);
        }

        return csv.ToString();
    }

    /// <summary>A leading =, +, -, @, tab or carriage return makes spreadsheets evaluate the cell (CSV injection); a quote mark keeps it text.</summary>
    public static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>A CSV download response: UTF-8 with a byte order mark, so spreadsheets read accents right.</summary>
    public static IResult File(string csv, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);

    private static void AppendRow(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }
}
