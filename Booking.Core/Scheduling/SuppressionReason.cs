namespace Booking.Core.Scheduling;

/// <summary>
/// Why the rota would have produced a slot but does not offer it. The "why not offered" explanation turns
/// these into staff and API wording, adding names it knows (a practitioner's name, say). When several apply,
/// the generator reports the first of: <see cref="SessionCancelled"/>, <see cref="ClosedForBankHoliday"/>,
/// <see cref="PracticeClosed"/>, <see cref="PractitionerOnLeave"/>, <see cref="SkippedByClockChange"/>.
/// </summary>
public abstract record SuppressionReason
{
    private protected SuppressionReason()
    {
    }

    /// <summary>A plain-English reason without names from outside the rota, e.g. "practice closed: bank holiday (Christmas Day)".</summary>
    public abstract string Description { get; }
}

/// <summary>A day edit cancelled this template's session on this date.</summary>
/// <param name="TemplateId">The template whose session was cancelled.</param>
/// <param name="Reason">The reason recorded with the edit.</param>
public sealed record SessionCancelled(int TemplateId, string Reason) : SuppressionReason
{
    /// <inheritdoc />
    public override string Description => "session cancelled: " + Reason;
}

/// <summary>The date is an England and Wales bank holiday, when template sessions do not run.</summary>
/// <param name="HolidayName">The holiday's name, e.g. "Christmas Day".</param>
public sealed record ClosedForBankHoliday(string HolidayName) : SuppressionReason
{
    /// <inheritdoc />
    public override string Description => $"practice closed: bank holiday ({HolidayName})";
}

/// <summary>A practice closure covers the slot.</summary>
/// <param name="ClosureId">The closure.</param>
/// <param name="Reason">Its reason, e.g. "Training afternoon".</param>
public sealed record PracticeClosed(int ClosureId, string Reason) : SuppressionReason
{
    /// <inheritdoc />
    public override string Description => "practice closed: " + Reason;
}

/// <summary>The practitioner is on leave for the slot.</summary>
/// <param name="PractitionerId">Who is away.</param>
/// <param name="LeaveId">The leave record.</param>
public sealed record PractitionerOnLeave(int PractitionerId, int LeaveId) : SuppressionReason
{
    /// <inheritdoc />
    public override string Description => "practitioner on leave";
}

/// <summary>
/// The slot's local start time does not exist on this date: the clocks go forward over it (spring, 01:00
/// to 02:00 in Europe/London). See <see cref="Time.ClockChangeRule"/>.
/// </summary>
public sealed record SkippedByClockChange : SuppressionReason
{
    /// <summary>The one instance; the reason carries no data.</summary>
    public static SkippedByClockChange Instance { get; } = new();

    /// <inheritdoc />
    public override string Description => "the clocks go forward past this time";
}
