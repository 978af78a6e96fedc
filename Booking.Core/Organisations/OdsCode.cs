using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Booking.Core.Organisations;

/// <summary>
/// An NHS Organisation Data Service code (e.g. <c>Y12345</c> for a practice, <c>NHS111</c>-style
/// codes for services): 3 to 10 upper-case letters and digits. Always normalised to upper case.
/// </summary>
public readonly partial record struct OdsCode
{
    /// <summary>Longest ODS code accepted; storage reuses it.</summary>
    public const int MaxLength = 10;

    private OdsCode(string value) => Value = value;

    /// <summary>The normalised code.</summary>
    public string Value { get; }

    /// <summary>Parses a code, trimming and upper-casing it; null when it is not a valid ODS code.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out OdsCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalised = text.Trim().ToUpperInvariant();
        if (!Shape().IsMatch(normalised))
        {
            return false;
        }

        code = new OdsCode(normalised);
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>; for trusted input such as seed data.</summary>
    public static OdsCode Parse(string text) =>
        TryParse(text, out var code) ? code.Value : throw new FormatException($"'{text}' is not an ODS code.");

    /// <inheritdoc />
    public override string ToString() => Value;

    [GeneratedRegex("^[A-Z0-9]{3,10}$")]
    private static partial Regex Shape();
}
