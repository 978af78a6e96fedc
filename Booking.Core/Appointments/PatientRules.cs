using NodaTime;

namespace Booking.Core.Appointments;

/// <summary>The part of a patient's details a <see cref="PatientProblem"/> is about.</summary>
public enum PatientElement
{
    /// <summary>The full name.</summary>
    Name,

    /// <summary>The date of birth.</summary>
    DateOfBirth,

    /// <summary>The contact phone number.</summary>
    Phone,
}

/// <summary>What is wrong with one element of a patient's details, in a sentence for the person who gave them.</summary>
/// <param name="Element">Which element.</param>
/// <param name="Message">Why it is refused.</param>
public sealed record PatientProblem(PatientElement Element, string Message);

/// <summary>
/// A patient as a booking names them: always the NHS number (its type guarantees modulus 11), and the other details
/// when the caller sends them. A patient the practice already knows needs only the number (<see cref="KnownPatient"/>);
/// a new one needs a name and a date of birth.
/// </summary>
/// <param name="NhsNumber">Checked NHS number.</param>
/// <param name="Name">Full name, when given.</param>
/// <param name="DateOfBirth">Date of birth, when given.</param>
/// <param name="Phone">Contact number, when given.</param>
public sealed record GivenPatient(NhsNumber NhsNumber, string? Name = null, LocalDate? DateOfBirth = null, string? Phone = null)
{
    /// <summary>Every detail of <paramref name="patient"/>, as the staff booking form gives them.</summary>
    public static GivenPatient From(PatientDetails patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return new GivenPatient(patient.NhsNumber, patient.Name, patient.DateOfBirth, patient.Phone);
    }
}

/// <summary>
/// The rules for a patient's details, the same for every way in (the staff booking form, the FHIR facade): a name of
/// at most <see cref="NameMaxLength"/> characters, a date of birth neither in the future nor more than
/// <see cref="OldestAgeYears"/> years ago, and an optional phone of digits, spaces, brackets, hyphens and a leading +.
/// Storage reuses the limits.
/// </summary>
public static class PatientRules
{
    /// <summary>Longest patient name (NHS PDS allows far less; this bounds what is stored).</summary>
    public const int NameMaxLength = 200;

    /// <summary>Longest phone number, with spaces and a leading +.</summary>
    public const int PhoneMaxLength = 32;

    /// <summary>A date of birth further back than this is taken for a typing slip in the year.</summary>
    public const int OldestAgeYears = 130;

    /// <summary>
    /// What is wrong with the details given, each element at most once; empty when they may be booked.
    /// <paramref name="requireNameAndBirthDate"/> is true for a patient new to the practice; for a known one, only
    /// what was given is checked.
    /// </summary>
    /// <param name="name">The name as given (trimmed here), or null.</param>
    /// <param name="dateOfBirth">The date of birth, or null.</param>
    /// <param name="phone">The phone as given (trimmed here), or null.</param>
    /// <param name="today">The practice's local date now.</param>
    /// <param name="requireNameAndBirthDate">Whether a missing name or date of birth is a problem.</param>
    public static IReadOnlyList<PatientProblem> Problems(
        string? name, LocalDate? dateOfBirth, string? phone, LocalDate today, bool requireNameAndBirthDate = true)
    {
        var problems = new List<PatientProblem>();
        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length == 0)
        {
            if (requireNameAndBirthDate || name is not null)
            {
                problems.Add(new PatientProblem(PatientElement.Name, "Enter the patient's full name."));
            }
        }
        else if (trimmedName.Length > NameMaxLength)
        {
            problems.Add(new PatientProblem(PatientElement.Name, $"A name has at most {NameMaxLength} characters."));
        }

        if (dateOfBirth is null)
        {
            if (requireNameAndBirthDate)
            {
                problems.Add(new PatientProblem(PatientElement.DateOfBirth, "Enter the date of birth."));
            }
        }
        else if (dateOfBirth > today)
        {
            problems.Add(new PatientProblem(PatientElement.DateOfBirth, "The date of birth cannot be in the future."));
        }
        else if (dateOfBirth < today.PlusYears(-OldestAgeYears))
        {
            problems.Add(new PatientProblem(
                PatientElement.DateOfBirth, $"Check the year of birth: that would make the patient over {OldestAgeYears}."));
        }

        var trimmedPhone = phone?.Trim() ?? "";
        if (trimmedPhone.Length > PhoneMaxLength)
        {
            problems.Add(new PatientProblem(PatientElement.Phone, $"A phone number has at most {PhoneMaxLength} characters."));
        }
        else if (trimmedPhone.Length > 0 && !trimmedPhone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))
        {
            problems.Add(new PatientProblem(PatientElement.Phone, "A phone number has only digits, spaces, brackets, hyphens and a leading +."));
        }

        return problems;
    }
}
