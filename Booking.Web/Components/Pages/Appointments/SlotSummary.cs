using Booking.Core.Scheduling;
using Booking.Data.Configuration;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>Names of a slot's practitioner, site and service from the practice configuration.</summary>
internal static class SlotSummary
{
    public static string Practitioner(PracticeConfiguration config, int id) => config.PractitionerName(id) ?? "Unknown clinician";

    public static string Site(PracticeConfiguration config, int id) => config.Site(id)?.Site.Name ?? "Unknown site";

    public static string Service(PracticeConfiguration config, int id) => config.Service(id)?.Service.Name ?? "Unknown service";

    /// <summary>"Dr Anita Patel, Main surgery, GP appointment".</summary>
    public static string Describe(PracticeConfiguration config, Slot slot) =>
        $"{Practitioner(config, slot.PractitionerId)}, {Site(config, slot.SiteId)}, {Service(config, slot.ServiceId)}";
}
