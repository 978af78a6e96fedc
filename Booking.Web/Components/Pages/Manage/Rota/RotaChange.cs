using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>
/// What a save returned: done (with the booked appointments the store reports as affected) or refused, and why.
/// <paramref name="Stale"/> when someone else saved a change to the same thing after the page loaded it.
/// </summary>
public sealed record RotaSaveOutcome(bool Succeeded, string Message, IReadOnlyList<AffectedAppointment> Affected, bool Stale = false)
{
    public const string StaleSessionMessage =
        "Someone else changed this weekly session since you opened it. Reload the rota to see their change, then make yours again if it is still needed.";

    public static RotaSaveOutcome From<T>(ConfigurationResult<T> result, string? staleMessage = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stale = result.Problem == ConfigurationProblem.Conflict;
        return new RotaSaveOutcome(result.Succeeded, stale && staleMessage is not null ? staleMessage : result.Message, result.Affected, stale);
    }
}

/// <summary>
/// One change a rota form asks for: the Core edit (which the page applies for the overlap check and the affected
/// appointments shown before saving, and the store applies again on saving), and what the page says about it.
/// </summary>
/// <param name="DoneMessage">Shown once saved, e.g. "Session added.".</param>
/// <param name="Edit">The rota edit, as Core defines it and the store saves it.</param>
/// <param name="Dates">The dates the change is about; the grid shows their first week after saving unless the week shown is among them.</param>
/// <param name="Confirmation">
/// When set, the change is never saved on the first click: this sentence (what exactly it does) is shown with the count
/// of booked appointments affected, and the manager confirms. For changes whose reach a slip makes large, e.g. a closure.
/// </param>
/// <param name="ExpectedVersion">The changed weekly session's row version when the page loaded it; a change saved since is refused.</param>
public sealed record RotaChange(
    string DoneMessage,
    RotaEdit Edit,
    DateInterval Dates,
    string? Confirmation = null,
    int? ExpectedVersion = null);
