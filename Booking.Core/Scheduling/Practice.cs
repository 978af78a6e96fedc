using Booking.Core.Organisations;
using Booking.Core.Time;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>A GP practice: the organisation whose rota produces the slots.</summary>
public sealed record Practice
{
    /// <summary>Longest practice name accepted; storage reuses it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest registered list accepted: well above the biggest practices in England (about 100,000).</summary>
    public const int MaxRegisteredListSize = 1_000_000;

    /// <summary>Creates a practice; <paramref name="timeZone"/> defaults to <see cref="PracticeTime.Zone"/>.</summary>
    public Practice(OdsCode odsCode, string name, int registeredListSize, DateTimeZone? timeZone = null)
    {
        if (odsCode.Value is null)
        {
            throw new ArgumentException("The ODS code is required.", nameof(odsCode));
        }

        if (registeredListSize is < 0 or > MaxRegisteredListSize)
        {
            throw new ArgumentOutOfRangeException(nameof(registeredListSize), registeredListSize, $"A list size is 0 to {MaxRegisteredListSize}.");
        }

        OdsCode = odsCode;
        Name = Require.Text(name, MaxNameLength, nameof(name));
        RegisteredListSize = registeredListSize;
        TimeZone = timeZone ?? PracticeTime.Zone;
    }

    /// <summary>The practice's ODS code, e.g. <c>Y12345</c>.</summary>
    public OdsCode OdsCode { get; }

    /// <summary>Display name, trimmed.</summary>
    public string Name { get; }

    /// <summary>Number of registered patients; quotas such as "one 111 slot per 3,000 patients" scale with it.</summary>
    public int RegisteredListSize { get; }

    /// <summary>The zone of every local time in the rota (Europe/London for practices in England).</summary>
    public DateTimeZone TimeZone { get; }
}
