using System.Collections.Immutable;

namespace Booking.Core.Scheduling;

/// <summary>
/// An appointment type the practice offers (a FHIR HealthcareService), e.g. "GP routine, 10 minutes, in
/// person" or "Flu vaccination, 5 minutes, nurse or healthcare assistant". Non-bookable services (admin
/// time, a blocked slot) still appear in the diary: the rota generates their slots and the release rules
/// never offer them to anyone.
/// </summary>
public sealed class Service
{
    /// <summary>Longest service name accepted; storage reuses it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Creates a service; at least one role must be able to deliver it.</summary>
    public Service(
        int id,
        string name,
        SlotLength defaultLength,
        DeliveryMode deliveryMode,
        NationalAppointmentCategory category,
        IEnumerable<PractitionerRole> eligibleRoles,
        bool isBookable = true)
    {
        ArgumentNullException.ThrowIfNull(defaultLength);
        ArgumentNullException.ThrowIfNull(eligibleRoles);
        if (!Enum.IsDefined(deliveryMode))
        {
            throw new ArgumentOutOfRangeException(nameof(deliveryMode), deliveryMode, "Unknown delivery mode.");
        }

        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown national category.");
        }

        var roles = eligibleRoles.Distinct().Order().ToImmutableArray();
        if (roles.IsEmpty || roles.Any(role => !Enum.IsDefined(role)))
        {
            throw new ArgumentException("A service names at least one known role that may deliver it.", nameof(eligibleRoles));
        }

        Id = Require.PositiveId(id, nameof(id));
        Name = Require.Text(name, MaxNameLength, nameof(name));
        DefaultLength = defaultLength;
        DeliveryMode = deliveryMode;
        Category = category;
        EligibleRoles = roles;
        IsBookable = isBookable;
    }

    /// <summary>Storage id; <see cref="Slot.ServiceId"/> refers to it.</summary>
    public int Id { get; }

    /// <summary>Display name, trimmed.</summary>
    public string Name { get; }

    /// <summary>Slot length a new session run of this service starts with; a run may override it.</summary>
    public SlotLength DefaultLength { get; }

    /// <summary>In person, telephone, video or home visit.</summary>
    public DeliveryMode DeliveryMode { get; }

    /// <summary>The national category the service is reported under.</summary>
    public NationalAppointmentCategory Category { get; }

    /// <summary>Roles that may deliver the service, distinct and in enum order.</summary>
    public ImmutableArray<PractitionerRole> EligibleRoles { get; }

    /// <summary>False for admin and blocked time: its slots exist in the diary but are never offered.</summary>
    public bool IsBookable { get; }

    /// <summary>True when a practitioner in <paramref name="role"/> may deliver this service.</summary>
    public bool CanBeDeliveredBy(PractitionerRole role) => EligibleRoles.Contains(role);
}
