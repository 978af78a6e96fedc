using Booking.Core.Appointments;
using Booking.Data.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>
/// The patient's details as typed at the desk. Kept as typed (never cleared by a failed check), so a mistake in one
/// field costs nothing in the others; <see cref="Check"/> turns it into <see cref="PatientDetails"/> or says what is
/// wrong with each field. The NHS number rule is Core's; the length limits are the store's.
/// </summary>
internal sealed class PatientInput
{
    public string NhsNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    public string Phone { get; set; } = "";

    /// <summary>The details, or null with one message per field that is wrong (keys are the property names).</summary>
    public PatientDetails? Check(LocalDate today, out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        if (!Core.Appointments.NhsNumber.TryParse(NhsNumber, out var nhsNumber, out var nhsProblem))
        {
            found[nameof(NhsNumber)] = Core.Appointments.NhsNumber.Describe(nhsProblem);
        }

        var name = Name.Trim();
        if (name.Length == 0)
        {
            found[nameof(Name)] = "Enter the patient's full name.";
        }
        else if (name.Length > PatientRow.NameMaxLength)
        {
            found[nameof(Name)] = $"A name has at most {PatientRow.NameMaxLength} characters.";
        }

        LocalDate? dateOfBirth = DateOfBirth is { } dob ? LocalDate.FromDateOnly(dob) : null;
        if (dateOfBirth is null)
        {
            found[nameof(DateOfBirth)] = "Enter the date of birth.";
        }
        else if (dateOfBirth > today)
        {
            found[nameof(DateOfBirth)] = "The date of birth cannot be in the future.";
        }
        else if (dateOfBirth < today.PlusYears(-130))
        {
            found[nameof(DateOfBirth)] = "Check the year of birth: that would make the patient over 130.";
        }

        var phone = Phone.Trim();
        if (phone.Length > PatientRow.PhoneMaxLength)
        {
            found[nameof(Phone)] = $"A phone number has at most {PatientRow.PhoneMaxLength} characters.";
        }
        else if (phone.Length > 0 && !phone.All(c => char.IsDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))
        {
            found[nameof(Phone)] = "A phone number has only digits, spaces, brackets, hyphens and a leading +.";
        }

        problems = found;
        return found.Count == 0
            ? new PatientDetails(nhsNumber!, name, dateOfBirth!.Value, phone.Length == 0 ? null : phone)
            : null;
    }
}
