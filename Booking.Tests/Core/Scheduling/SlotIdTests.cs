using System.Text.RegularExpressions;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public partial class SlotIdTests
{
    [Theory]
    [InlineData(SessionSourceKind.Template, 12, 2026, 3, 30, 8, 30, "t12-20260330-0830")]
    [InlineData(SessionSourceKind.OneOff, 7, 2026, 12, 25, 0, 0, "o7-20261225-0000")]
    [InlineData(SessionSourceKind.Template, 999_999_999, 9999, 12, 31, 23, 59, "t999999999-99991231-2359")]
    public void For_ThenTryParse_RoundTrips(SessionSourceKind kind, int sourceId, int year, int month, int day, int hour, int minute, string expected)
    {
        var session = new SessionKey(new SessionSource(kind, sourceId), new LocalDate(year, month, day));
        var id = SlotId.For(session, new LocalTime(hour, minute));

        id.Value.Should().Be(expected);
        FhirId().IsMatch(id.Value).Should().BeTrue();
        id.Value.Length.Should().BeLessThanOrEqualTo(SlotId.MaxLength);
        SlotId.TryParse(id.Value, out var parsed, out var parsedSession, out var parsedStart).Should().BeTrue();
        parsed.Should().Be(id);
        parsedSession.Should().Be(session);
        parsedStart.Should().Be(new LocalTime(hour, minute));
    }

    [Theory]
    [InlineData("")]
    [InlineData("t012-20260330-0830")]
    [InlineData("x12-20260330-0830")]
    [InlineData("t12-20260230-0830")]
    [InlineData("t12-20260330-2460")]
    [InlineData("t12-20260330")]
    public void TryParse_NotAnIdWeMake_ReturnsFalse(string text)
    {
        SlotId.TryParse(text, out _, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void FromParts_EveryMinuteOfADay_EqualsFor()
    {
        var session = new SessionKey(new SessionSource(SessionSourceKind.OneOff, 42), new LocalDate(2026, 10, 25));
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            var start = LocalTime.Midnight.PlusMinutes(minute);
            SlotId.FromParts(session + "-", SlotId.FormatStart(start)).Should().Be(SlotId.For(session, start));
        }
    }

    // FHIR R4 id datatype.
    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();
}
