using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Components.Pages.Manage.Shared;

/// <summary>Dates as date inputs carry them (yyyy-MM-dd).</summary>
internal static class SetupDates
{
    public static LocalDate? ParseIso(string? text) =>
        !string.IsNullOrWhiteSpace(text) && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;
}
