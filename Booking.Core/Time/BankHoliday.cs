using NodaTime;

namespace Booking.Core.Time;

/// <summary>A public holiday on which the practice is closed unless the rota explicitly opens it.</summary>
public sealed record BankHoliday
{
    /// <summary>Longest holiday name accepted; storage reuses it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Creates a holiday; the name is trimmed and must be 1 to <see cref="MaxNameLength"/> characters.</summary>
    public BankHoliday(LocalDate date, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A bank holiday name has at most {MaxNameLength} characters.", nameof(name));
        }

        Date = date;
        Name = name;
    }

    /// <summary>The day off (the substitute weekday when the holiday falls at a weekend).</summary>
    public LocalDate Date { get; }

    /// <summary>Name as gov.uk publishes it, e.g. "Boxing Day (substitute day)".</summary>
    public string Name { get; }
}
