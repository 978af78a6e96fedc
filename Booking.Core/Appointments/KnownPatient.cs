namespace Booking.Core.Appointments;

/// <summary>
/// What a booking for a patient the practice already knows (by NHS number) is made under. The stored details are the
/// practice's record of that person, shared by every appointment they have: a booking never changes them. A date of
/// birth that differs means the NHS number was mistyped or belongs to someone else, so the booking is refused; a
/// different spelling of the name is booked under the stored name (changing a patient's details is a separate,
/// audited step). A phone number fills in one the record lacks but never replaces one it has.
/// </summary>
public static class KnownPatient
{
    /// <summary>Compares <paramref name="given"/> with the <paramref name="stored"/> details of the same NHS number.</summary>
    public static KnownPatientMatch Match(PatientDetails stored, PatientDetails given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return Match(stored, GivenPatient.From(given));
    }

    /// <summary>
    /// Compares what a booking <paramref name="given"/> with the <paramref name="stored"/> details of the same NHS number;
    /// a detail not given is the stored one (a known patient may be booked by NHS number alone).
    /// </summary>
    public static KnownPatientMatch Match(PatientDetails stored, GivenPatient given)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(given);
        if (stored.NhsNumber != given.NhsNumber)
        {
            throw new ArgumentException("Only details of the same NHS number can be matched.", nameof(given));
        }

        if (given.DateOfBirth is { } dateOfBirth && stored.DateOfBirth != dateOfBirth)
        {
            return new KnownPatientMatch(null, new PatientDateOfBirthDiffers(given.NhsNumber), NameDiffers: false);
        }

        var givenPhone = string.IsNullOrWhiteSpace(given.Phone) ? null : given.Phone.Trim();
        var phone = string.IsNullOrWhiteSpace(stored.Phone) ? givenPhone : stored.Phone;
        var nameDiffers = !string.IsNullOrWhiteSpace(given.Name)
            && !string.Equals(Normalised(stored.Name), Normalised(given.Name), StringComparison.OrdinalIgnoreCase);
        return new KnownPatientMatch(stored with { Phone = phone }, null, nameDiffers);
    }

    private static string Normalised(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>The outcome of <see cref="KnownPatient.Match(PatientDetails, GivenPatient)"/>.</summary>
/// <param name="BookAs">The details to book under (the stored ones); null when the booking is refused.</param>
/// <param name="Refusal">Why the booking is refused; null when it may go ahead.</param>
/// <param name="NameDiffers">The name given is not the stored one (booked under the stored name).</param>
public sealed record KnownPatientMatch(PatientDetails? BookAs, PatientDateOfBirthDiffers? Refusal, bool NameDiffers);

/// <summary>The date of birth given is not that of the patient the practice has under this NHS number.</summary>
/// <param name="NhsNumber">The NHS number given.</param>
public sealed record PatientDateOfBirthDiffers(NhsNumber NhsNumber)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"NHS number {NhsNumber} belongs to a patient of this practice with a different date of birth: check the NHS number " +
        "and date of birth with the patient. A booking never changes a known patient's details.";
}
