using System.Text.RegularExpressions;

namespace Booking.Core.Scheduling;

/// <summary>The registers a practitioner identifier comes from, with the UK Core FHIR identifier systems.</summary>
public enum PractitionerIdentifierKind
{
    /// <summary>General Medical Council number: 7 digits (doctors).</summary>
    Gmc = 1,

    /// <summary>Nursing and Midwifery Council PIN: 2 digits, a letter, 4 digits, a letter (e.g. <c>12A3456E</c>).</summary>
    Nmc = 2,

    /// <summary>General Pharmaceutical Council number: 7 digits.</summary>
    Gphc = 3,

    /// <summary>Health and Care Professions Council number: 2 letters then digits (e.g. <c>PH123456</c>).</summary>
    Hcpc = 4,

    /// <summary>NHS Spine Directory Service user id: 12 digits (smartcard holders).</summary>
    SdsUserId = 5,
}

/// <summary>One professional identifier of a practitioner, checked against its register's format.</summary>
public sealed partial record PractitionerIdentifier
{
    /// <summary>Longest identifier value accepted; storage reuses it.</summary>
    public const int MaxValueLength = 12;

    /// <summary>Creates an identifier; the value is trimmed, upper-cased and must match the register's format.</summary>
    public PractitionerIdentifier(PractitionerIdentifierKind kind, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var normalised = value.Trim().ToUpperInvariant();
        var shape = kind switch
        {
            PractitionerIdentifierKind.Gmc => SevenDigits(),
            PractitionerIdentifierKind.Nmc => NmcPin(),
            PractitionerIdentifierKind.Gphc => SevenDigits(),
            PractitionerIdentifierKind.Hcpc => HcpcNumber(),
            PractitionerIdentifierKind.SdsUserId => TwelveDigits(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identifier kind."),
        };
        if (!shape.IsMatch(normalised))
        {
            throw new ArgumentException($"'{value}' is not a valid {kind} identifier.", nameof(value));
        }

        Kind = kind;
        Value = normalised;
    }

    /// <summary>Which register issued the identifier.</summary>
    public PractitionerIdentifierKind Kind { get; }

    /// <summary>The normalised identifier.</summary>
    public string Value { get; }

    /// <summary>The FHIR <c>Identifier.system</c> URI for <see cref="Kind"/> (UK Core Practitioner slices).</summary>
    public string System => Kind switch
    {
        PractitionerIdentifierKind.Gmc => "https://fhir.hl7.org.uk/Id/gmc-number",
        PractitionerIdentifierKind.Nmc => "https://fhir.hl7.org.uk/Id/nmc-number",
        PractitionerIdentifierKind.Gphc => "https://fhir.hl7.org.uk/Id/gphc-number",
        PractitionerIdentifierKind.Hcpc => "https://fhir.hl7.org.uk/Id/hcpc-number",
        _ => "https://fhir.nhs.uk/Id/sds-user-id",
    };

    [GeneratedRegex("^[0-9]{7}$")]
    private static partial Regex SevenDigits();

    [GeneratedRegex("^[0-9]{2}[A-Z][0-9]{4}[A-Z]$")]
    private static partial Regex NmcPin();

    [GeneratedRegex("^[A-Z]{2}[0-9]{5,6}$")]
    private static partial Regex HcpcNumber();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex TwelveDigits();
}
