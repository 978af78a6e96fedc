using System.Globalization;
using System.Text;
using QRCoder;

namespace Booking.Web.Components.Account;

/// <summary>
/// A QR code as inline SVG, drawn from QRCoder's module matrix: no image request, no script, and it scales crisply
/// for a phone camera at any zoom.
/// </summary>
internal static class QrCodeSvg
{
    public static string For(string text, string accessibleName)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(accessibleName)}\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#212b32\" d=\"");
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (modules[row][column])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"M{column} {row}h1v1h-1z");
                }
            }
        }

        svg.Append("\"/></svg>");
        return svg.ToString();
    }
}
