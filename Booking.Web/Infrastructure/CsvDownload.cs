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

    /// <summary>
    /// A leading =, +, -, @, tab or carriage return makes spreadsheets evaluate the cell (CSV injection); a quote mark
    /// keeps it text. A cell of only digits, spaces and <c>+-().</c> cannot call a function or name a cell, so a phone
    /// number (<c>+44 20 7946 0000</c>) or a negative count stays as it was written.
    /// </summary>
    public static string Cell(string value)
    {
        var evaluated = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var safe = evaluated && !IsPlainNumber(value) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>
    /// A CSV download response: UTF-8 with a byte order mark, so spreadsheets read accents right. Never cached: day lists
    /// and the audit log hold patient details, and a shared reception PC's browser cache is no place for them.
    /// </summary>
    public static IResult File(string csv, string fileName) =>
        new NotCached(Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName));

    private static bool IsPlainNumber(string value) =>
        value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.') && value.Any(char.IsAsciiDigit);

    private static void AppendRow(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    private sealed class NotCached(IResult file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.Pragma = "no-cache";
            return file.ExecuteAsync(httpContext);
        }
    }
}
