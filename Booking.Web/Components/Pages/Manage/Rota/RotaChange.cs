using Booking.Core.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>What a save returned: done (with the booked appointments the store reports as affected) or refused, and why.</summary>
public sealed record RotaSaveOutcome(bool Succeeded, string Message, IReadOnlyList<AffectedAppointment> Affected)
{
    public static RotaSaveOutcome From<T>(ConfigurationResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RotaSaveOutcome(result.Succeeded, result.Message, result.Affected);
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
public sealed record RotaChange(
    string DoneMessage,
    Func<Core.Scheduling.Rota, Core.Scheduling.Rota> Propose,
    DateInterval CheckDates,
    LocalDate AffectsFrom,
    Func<ConfigurationStore, ActingParty, Task<RotaSaveOutcome>> SaveAsync);
