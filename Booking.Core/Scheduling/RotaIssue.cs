using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>Something in a rota a practice manager must fix; generation still runs, but the result is not what they meant.</summary>
public abstract record RotaIssue
{
    private protected RotaIssue()
    {
    }

    /// <summary>Plain-English summary for the rota editor.</summary>
    public abstract string Description { get; }
}

/// <summary>Two sessions of one practitioner overlap on one date (at the same or different sites).</summary>
/// <param name="PractitionerId">The double-booked practitioner.</param>
/// <param name="First">The session that starts first (or, on a tie, comes first in the rota).</param>
/// <param name="FirstTimes">Its local times.</param>
/// <param name="Second">The other session.</param>
/// <param name="SecondTimes">Its local times.</param>
public sealed record OverlappingSessions(
    int PractitionerId,
    SessionKey First,
    LocalTimeRange FirstTimes,
    SessionKey Second,
    LocalTimeRange SecondTimes) : RotaIssue
{
    /// <summary>The date of both sessions.</summary>
    public LocalDate Date => First.Date;

    /// <inheritdoc />
    public override string Description =>
        $"practitioner {PractitionerId} has overlapping sessions on {Date:yyyy-MM-dd}: {FirstTimes} ({First.Source}) and {SecondTimes} ({Second.Source})";
}

/// <summary>A day edit for a date on which its template does not run, so it changes nothing.</summary>
/// <param name="TemplateId">The edited template.</param>
/// <param name="Date">The edit's date.</param>
public sealed record DayEditWithoutSession(int TemplateId, LocalDate Date) : RotaIssue
{
    /// <inheritdoc />
    public override string Description =>
        $"the edit of template {TemplateId} on {Date:yyyy-MM-dd} has no effect: the template does not run that day";
}
