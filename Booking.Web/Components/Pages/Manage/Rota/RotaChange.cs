using Booking.Core.Appointments;
using Booking.Data.Auditing;
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
/// One change a rota form asks for: how the rota would look after it (for the overlap check and the list of affected
/// appointments shown before saving), which dates to check for overlaps, and the store call that makes it.
/// </summary>
/// <param name="DoneMessage">Shown once saved, e.g. "Session added.".</param>
/// <param name="Propose">The rota with the change made; may throw <see cref="ArgumentException"/> when Core refuses it.</param>
/// <param name="CheckDates">Dates on which a new overlap of one clinician's sessions is looked for.</param>
/// <param name="AffectsFrom">First date the change can affect; appointments before today are never listed.</param>
/// <param name="SaveAsync">The store call, made only after the manager has seen the affected appointments.</param>
/// <param name="Confirmation">
/// When set, the change is never saved on the first click: this sentence (what exactly it does) is shown with the count
/// of booked appointments affected, and the manager confirms. For changes whose reach a slip makes large, e.g. a closure.
/// </param>
public sealed record RotaChange(
    string DoneMessage,
    Func<Core.Scheduling.Rota, Core.Scheduling.Rota> Propose,
    DateInterval CheckDates,
    LocalDate AffectsFrom,
    Func<ConfigurationStore, ActingParty, Task<RotaSaveOutcome>> SaveAsync,
    string? Confirmation = null);
