using System.Collections.Immutable;

namespace Booking.Core.Scheduling;

/// <summary>A clinician who runs sessions: a GP, a nurse, a pharmacist and so on.</summary>
public sealed class Practitioner
{
    /// <summary>Longest practitioner name accepted; storage reuses it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Creates a practitioner; at most one identifier per register.</summary>
    public Practitioner(int id, string name, PractitionerRole role, IEnumerable<PractitionerIdentifier>? identifiers = null)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var ids = identifiers?.ToImmutableArray() ?? [];
        if (ids.Select(identifier => identifier.Kind).Distinct().Count() != ids.Length)
        {
            throw new ArgumentException("A practitioner has at most one identifier per register.", nameof(identifiers));
        }

        Id = Require.PositiveId(id, nameof(id));
        Name = Require.Text(name, MaxNameLength, nameof(name));
        Role = role;
        Identifiers = ids;
    }

    /// <summary>Storage id; <see cref="Slot.PractitionerId"/> refers to it.</summary>
    public int Id { get; }

    /// <summary>Display name as patients see it, e.g. "Dr Anita Patel".</summary>
    public string Name { get; }

    /// <summary>The role they work in.</summary>
    public PractitionerRole Role { get; }

    /// <summary>Professional identifiers (GMC, NMC, ...), possibly none.</summary>
    public ImmutableArray<PractitionerIdentifier> Identifiers { get; }
}
