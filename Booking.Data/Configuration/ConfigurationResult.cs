using System.Diagnostics.CodeAnalysis;
using Booking.Core.Appointments;

namespace Booking.Data.Configuration;

/// <summary>Why a configuration change was not made.</summary>
public enum ConfigurationProblem
{
    /// <summary>The thing to change does not exist.</summary>
    NotFound,

    /// <summary>The change is not valid (Core refused the values, a duplicate, a version dated wrongly, ...).</summary>
    Invalid,

    /// <summary>Someone changed it since the caller read it; reload and decide again.</summary>
    Conflict,
}

/// <summary>
/// The result of a configuration change: the stored value, or why nothing was changed. A rota change (templates,
/// one-offs, day edits, closures, leave) also lists the booked appointments it affects (rule 4); they are never
/// moved or cancelled by the change itself.
/// </summary>
public sealed record ConfigurationResult<T>
{
    internal ConfigurationResult(T? value, ConfigurationProblem? problem, string message, IReadOnlyList<AffectedAppointment> affected, string? field = null)
    {
        Value = value;
        Problem = problem;
        Message = message;
        Affected = affected;
        Field = field;
    }

    public T? Value { get; }

    public ConfigurationProblem? Problem { get; }

    /// <summary>A sentence for the manager.</summary>
    public string Message { get; }

    /// <summary>
    /// The input a refusal is about, so a form can show <see cref="Message"/> next to it: "Name", "ClientId", or
    /// "Identifiers." and the register (e.g. "Identifiers.Gmc"); null when it is about the change as a whole.
    /// </summary>
    public string? Field { get; }

    /// <summary>Booked appointments from today on that the change removes, withholds or alters; staff resolve them.</summary>
    public IReadOnlyList<AffectedAppointment> Affected { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Problem is null;

    internal static ConfigurationResult<T> Done(T value) => new(value, null, "Saved", []);

    internal ConfigurationResult<T> WithAffected(IReadOnlyList<AffectedAppointment> affected) =>
        new(Value, Problem, affected.Count == 0 ? Message : $"Saved; {affected.Count} booked appointment(s) affected", affected);

    /// <summary>The same outcome (problem, message and affected appointments) carrying <paramref name="map"/> of the value.</summary>
    internal ConfigurationResult<TOther> Select<TOther>(Func<T, TOther> map) =>
        new(Succeeded ? map(Value) : default, Problem, Message, Affected, Field);

    internal static ConfigurationResult<T> NotFound(string what) => new(default, ConfigurationProblem.NotFound, $"There is no {what}.", []);

    internal static ConfigurationResult<T> Invalid(string message, string? field = null) => new(default, ConfigurationProblem.Invalid, message, [], field);

    internal static ConfigurationResult<T> Conflict() =>
        new(default, ConfigurationProblem.Conflict, "Someone else changed this a moment ago. Reload it and try again.", []);
}
