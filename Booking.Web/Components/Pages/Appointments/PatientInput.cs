using Booking.Core.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>
/// The patient's details as typed at the desk. Kept as typed (never cleared by a failed check), so a mistake in one
/// field costs nothing in the others; <see cref="Check"/> turns it into <see cref="PatientDetails"/> or says what is
/// wrong with each field. Every rule is Core's.
/// </summary>
public sealed class PatientInput
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

        // Name, date of birth and phone are judged by Core's rules, the same the booking service applies to every caller.
        LocalDate? dateOfBirth = DateOfBirth is { } dob ? LocalDate.FromDateOnly(dob) : null;
        foreach (var problem in PatientRules.Problems(Name, dateOfBirth, Phone, today))
        {
            found[problem.Element switch
            {
                PatientElement.Name => nameof(Name),
                PatientElement.DateOfBirth => nameof(DateOfBirth),
                _ => nameof(Phone),
            }] = problem.Message;
        }

        var name = Name.Trim();
        var phone = Phone.Trim();
        problems = found;
        return found.Count == 0
            ? new PatientDetails(nhsNumber!, name, dateOfBirth!.Value, phone.Length == 0 ? null : phone)
            : null;
    }
}
