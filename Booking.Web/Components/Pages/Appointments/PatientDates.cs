using System.Globalization;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>How patient search shows a date of birth: "17 May 1980" (no weekday: nobody thinks of birthdays by it).</summary>
internal static class PatientDates
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Birth(LocalDate date) => date.ToString("d MMM yyyy", British);
}
