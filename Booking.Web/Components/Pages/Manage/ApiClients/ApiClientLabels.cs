using Booking.Core.Release;
using Booking.Data.Clients;

namespace Booking.Web.Components.Pages.Manage.ApiClients;

/// <summary>Plain words for what an API client may do and how it books.</summary>
internal static class ApiClientLabels
{
    public static string Scope(string scope) => scope switch
    {
        "system/Slot.rs" => "search free slots",
        "system/Schedule.rs" => "read clinicians' schedules",
        "system/Appointment.cru" => "book, read and cancel appointments",
        "system/Appointment.rs" => "read appointments",
        "system/*.rs" => "read everything it may see",
        "system/Patient.rs" => "look up patients it has booked for",
        _ => scope,
    };

    public static string Channel(ApiClient client) => client.Channel.Kind switch
    {
        ChannelKind.Online => "Patients online",
        _ when client.Channel.OrganisationType is { } type => $"Organisation ({type})",
        _ => "Organisation",
    };
}
