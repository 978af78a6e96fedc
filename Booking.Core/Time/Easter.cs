using NodaTime;

namespace Booking.Core.Time;

/// <summary>Western (Gregorian) Easter, which fixes Good Friday and Easter Monday.</summary>
public static class Easter
{
    /// <summary>Easter Sunday of <paramref name="year"/> (1583 onwards, the Gregorian computus).</summary>
    public static LocalDate Sunday(int year)
    {
        if (year < 1583 || year > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The Gregorian computus applies from 1583 to 9999.");
        }

        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher): integer arithmetic only, exact for every
        // Gregorian year. a: place in the 19-year Metonic cycle; b, c: century and year in century;
        // d..i, k, l: the epact and weekday corrections; m: the correction for the 5700000-year cycle.
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }
}
