using System.Globalization;
using Booking.Core.Appointments;

namespace Booking.Tests.TestSupport;

/// <summary>Valid, distinct NHS numbers for tests (check digit computed, numbers that have none skipped).</summary>
public static class TestNhsNumbers
{
    private static int _next = 100_000;

    /// <summary>A valid NHS number no other call in this test run returns.</summary>
    public static string Next()
    {
        while (true)
        {
            var nine = "9" + Interlocked.Increment(ref _next).ToString("D8", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
