using System.Diagnostics.CodeAnalysis;

namespace Booking.Core.Appointments;

/// <summary>Why a text is not an NHS number; the UI shows <see cref="NhsNumber.Describe"/>.</summary>
public enum NhsNumberProblem
{
    /// <summary>Nothing was entered.</summary>
    Empty,

    /// <summary>Something other than digits, spaces and hyphens was entered.</summary>
    NotDigits,

    /// <summary>Not exactly ten digits.</summary>
    WrongLength,

    /// <summary>The first nine digits give a check digit of 10, which no issued number has.</summary>
    NoValidCheckDigit,

    /// <summary>The tenth digit is not the modulus-11 check digit of the first nine (a typing slip).</summary>
    CheckDigitMismatch,
}

/// <summary>
/// A patient's NHS number: ten digits whose last digit is the modulus-11 check digit of the first nine
/// (weights 10 down to 2; check = 11 − (sum mod 11); 11 becomes 0; 10 means the number is never issued).
/// Only <see cref="TryParse"/> and <see cref="Parse"/> build one, so every instance passed the check.
/// Stored as the bare ten digits (<see cref="Value"/>); shown grouped 3-3-4 (<see cref="ToString"/>).
/// </summary>
public sealed record NhsNumber
{
    /// <summary>Number of digits in an NHS number; storage reuses it.</summary>
    public const int Length = 10;

    private NhsNumber(string value) => Value = value;

    /// <summary>The ten digits, no separators (the form for storage and the FHIR identifier).</summary>
    public string Value { get; }

    /// <summary>
    /// Parses an NHS number typed by a person: spaces and hyphens anywhere are ignored
    /// (<c>943 476 5919</c>, <c>943-476-5919</c>).
    /// </summary>
    /// <param name="text">What was typed.</param>
    /// <param name="number">The number when valid; otherwise null.</param>
    /// <param name="problem">Why it is not valid; meaningless when the method returns true.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NhsNumber? number, out NhsNumberProblem problem)
    {
        number = null;
        problem = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = NhsNumberProblem.Empty;
            return false;
        }

        Span<char> digits = stackalloc char[Length];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9')
            {
                problem = NhsNumberProblem.NotDigits;
                return false;
            }

            if (count == Length)
            {
                problem = NhsNumberProblem.WrongLength;
                return false;
            }

            digits[count++] = c;
        }

        if (count != Length)
        {
            problem = NhsNumberProblem.WrongLength;
            return false;
        }

        var expected = CheckDigit(digits[..(Length - 1)]);
        if (expected is null)
        {
            problem = NhsNumberProblem.NoValidCheckDigit;
            return false;
        }

        if (digits[Length - 1] - '0' != expected)
        {
            problem = NhsNumberProblem.CheckDigitMismatch;
            return false;
        }

        number = new NhsNumber(new string(digits));
        return true;
    }

    /// <summary>Parses a number or throws <see cref="FormatException"/>; for trusted input such as stored rows.</summary>
    public static NhsNumber Parse(string text) =>
        TryParse(text, out var number, out var problem)
            ? number
            : throw new FormatException($"Not an NHS number: {Describe(problem)}");

    /// <summary>
    /// The modulus-11 check digit for the first nine digits, or null when the sum gives 10
    /// (such a nine-digit prefix is never issued).
    /// </summary>
    /// <param name="firstNine">Exactly nine characters '0'–'9'.</param>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != Length - 1)
        {
            throw new ArgumentException("Exactly nine digits are needed.", nameof(firstNine));
        }

        var sum = 0;
        for (var i = 0; i < firstNine.Length; i++)
        {
            var digit = firstNine[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("Only digits are allowed.", nameof(firstNine));
            }

            sum += digit * (Length - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>A sentence for the person who typed the number.</summary>
    public static string Describe(NhsNumberProblem problem) => problem switch
    {
        NhsNumberProblem.Empty => "Enter an NHS number.",
        NhsNumberProblem.NotDigits => "An NHS number has only digits (spaces and hyphens are allowed).",
        NhsNumberProblem.WrongLength => "An NHS number has exactly 10 digits.",
        NhsNumberProblem.NoValidCheckDigit => "This is not a valid NHS number: no NHS number starts with these 9 digits.",
        NhsNumberProblem.CheckDigitMismatch => "This is not a valid NHS number: check the digits for a typing mistake.",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    /// <summary>The number grouped as people read it: <c>943 476 5919</c>.</summary>
    public override string ToString() => $"{Value[..3]} {Value[3..6]} {Value[6..]}";
}
