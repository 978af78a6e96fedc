namespace Booking.Core.Appointments;

/// <summary>
/// What correcting a known patient's details would change. A correction is a deliberate step that staff take with
/// the old and new details side by side (a booking never changes them, <see cref="KnownPatient"/>), so the comparison
/// counts every visible difference, a change of capitals included, and ignores only spacing that nobody sees.
/// </summary>
public static class PatientCorrection
{
    /// <summary>The details <paramref name="corrected"/> changes compared with <paramref name="stored"/>, in form order.</summary>
    /// <exception cref="ArgumentException">The two are details of different NHS numbers.</exception>
    public static IReadOnlyList<PatientElement> ChangedElements(PatientDetails stored, PatientDetails corrected)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(corrected);
        if (stored.NhsNumber != corrected.NhsNumber)
        {
            throw new ArgumentException("A correction keeps the NHS number; a different number is a different patient.", nameof(corrected));
        }

        var changed = new List<PatientElement>(3);
        if (!string.Equals(Tidy(stored.Name), Tidy(corrected.Name), StringComparison.Ordinal))
        {
            changed.Add(PatientElement.Name);
        }

        if (stored.DateOfBirth != corrected.DateOfBirth)
        {
            changed.Add(PatientElement.DateOfBirth);
        }

        if (!string.Equals(Tidy(stored.Phone), Tidy(corrected.Phone), StringComparison.Ordinal))
        {
            changed.Add(PatientElement.Phone);
        }

        return changed;
    }

    /// <summary>Trimmed, runs of spaces as one, and empty as null: how a detail is stored.</summary>
    public static string? Tidy(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        return string.Join(' ', detail.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
