using Booking.Core.Scheduling;
using Booking.Data.Configuration;

namespace Booking.Web.Components.Pages.Manage.Services;

/// <summary>
/// A service as the manager types it, kept as typed; <see cref="Check"/> turns it into <see cref="ServiceDetails"/>
/// or says what is wrong with each field. The limits are Core's.
/// </summary>
internal sealed class ServiceInput
{
    public string Name { get; set; } = "";

    public int? LengthMinutes { get; set; }

    public DeliveryMode? DeliveryMode { get; set; }

    public NationalAppointmentCategory? Category { get; set; }

    public HashSet<PractitionerRole> Roles { get; } = [];

    public bool IsBookable { get; set; } = true;

    public static ServiceInput From(Service service)
    {
        var input = new ServiceInput
        {
            Name = service.Name,
            LengthMinutes = service.DefaultLength.Minutes,
            DeliveryMode = service.DeliveryMode,
            Category = service.Category,
            IsBookable = service.IsBookable,
        };
        input.Roles.UnionWith(service.EligibleRoles);
        return input;
    }

    /// <summary>
    /// The details, or null with one message per wrong field (keys are the property names). A name already used by
    /// another service still in use (<paramref name="namesInUse"/>, compared ignoring case) is refused: staff pick
    /// services by name.
    /// </summary>
    public ServiceDetails? Check(IEnumerable<string> namesInUse, out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        var name = Name.Trim();
        if (name.Length == 0)
        {
            found[nameof(Name)] = "Enter the service's name, e.g. \"GP appointment\".";
        }
        else if (name.Length > Service.MaxNameLength)
        {
            found[nameof(Name)] = $"A name has at most {Service.MaxNameLength} characters.";
        }
        else if (namesInUse.Any(other => string.Equals(other.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            found[nameof(Name)] = $"There is already a service called \"{name}\". Choose another name.";
        }

        if (LengthMinutes is not (>= 1 and <= SlotLength.MaxMinutes))
        {
            found[nameof(LengthMinutes)] = $"Enter the usual length in whole minutes, from 1 to {SlotLength.MaxMinutes}.";
        }

        if (DeliveryMode is null)
        {
            found[nameof(DeliveryMode)] = "Choose how the service is delivered.";
        }

        if (Category is null)
        {
            found[nameof(Category)] = "Choose the national appointment category it is reported under.";
        }

        if (Roles.Count == 0)
        {
            found[nameof(Roles)] = "Choose at least one role that may deliver the service.";
        }

        problems = found;
        return found.Count == 0
            ? new ServiceDetails(name, SlotLength.FromMinutes(LengthMinutes!.Value), DeliveryMode!.Value, Category!.Value, Roles.Order().ToList(), IsBookable)
            : null;
    }
}
