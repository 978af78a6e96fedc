using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Shared;

namespace Booking.Web.Components.Pages.Manage.Practitioners;

/// <summary>
/// A clinician as the manager types them, kept as typed; <see cref="Check"/> turns it into
/// <see cref="PractitionerDetails"/> or says what is wrong with each field. Each register's format is Core's.
/// </summary>
internal sealed class PractitionerInput
{
    public string Name { get; set; } = "";

    public PractitionerRole? Role { get; set; }

    /// <summary>Identifier text per register; blank means none.</summary>
    public Dictionary<PractitionerIdentifierKind, string> Identifiers { get; } = Enum.GetValues<PractitionerIdentifierKind>().ToDictionary(kind => kind, _ => "");

    /// <summary>The problem key of one register's identifier field.</summary>
    public static string IdentifierField(PractitionerIdentifierKind kind) => $"{nameof(Identifiers)}.{kind}";

    public static PractitionerInput From(Practitioner practitioner)
    {
        var input = new PractitionerInput { Name = practitioner.Name, Role = practitioner.Role };
        foreach (var identifier in practitioner.Identifiers)
        {
            input.Identifiers[identifier.Kind] = identifier.Value;
        }

        return input;
    }

    /// <summary>The details, or null with one message per wrong field (keys are property names or <see cref="IdentifierField"/>).</summary>
    public PractitionerDetails? Check(out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        var name = Name.Trim();
        if (name.Length == 0)
        {
            found[nameof(Name)] = "Enter the clinician's name as patients see it, e.g. \"Dr Anita Patel\".";
        }
        else if (name.Length > Practitioner.MaxNameLength)
        {
            found[nameof(Name)] = $"A name has at most {Practitioner.MaxNameLength} characters.";
        }

        if (Role is null)
        {
            found[nameof(Role)] = "Choose the role they work in.";
        }

        var identifiers = new List<PractitionerIdentifier>();
        foreach (var (kind, text) in Identifiers.Where(entry => !string.IsNullOrWhiteSpace(entry.Value)))
        {
            try
            {
                identifiers.Add(new PractitionerIdentifier(kind, text));
            }
            catch (ArgumentException)
            {
                found[IdentifierField(kind)] = $"A {SetupLabels.IdentifierKind(kind)} is {SetupLabels.IdentifierShape(kind)}.";
            }
        }

        problems = found;
        return found.Count == 0 ? new PractitionerDetails(name, Role!.Value, identifiers) : null;
    }
}
