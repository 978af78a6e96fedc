namespace Booking.Core.Scheduling;

/// <summary>Shared argument checks of the scheduling model, so every type words its refusals alike.</summary>
internal static class Require
{
    /// <summary>Ids come from storage, which numbers from 1; 0 would be an entity that was never saved.</summary>
    public static int PositiveId(int id, string paramName) =>
        id > 0 ? id : throw new ArgumentOutOfRangeException(paramName, id, "An id is a positive number.");

    /// <summary>Trims <paramref name="text"/> and requires 1 to <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? text, int maxLength, string paramName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A value is required.", paramName);
        }

        var trimmed = text.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new ArgumentException($"At most {maxLength} characters are allowed.", paramName);
    }
}
