using Booking.Core.Time;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Booking.Tests.Core.Time;

public class PracticeTimeTests
{
    [Fact]
    public void Zone_IsEuropeLondonFromTzdb()
    {
        PracticeTime.Zone.Id.Should().Be("Europe/London");
        PracticeTime.Zone.Should().BeSameAs(DateTimeZoneProviders.Tzdb[PracticeTime.ZoneId]);
    }

    [Fact]
    public void Today_JustAfterLocalMidnightInSummer_IsTheLocalDateNotTheUtcDate()
    {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 30, 23, 30));

        PracticeTime.Today(clock).Should().Be(new LocalDate(2026, 7, 1));
    }

    [Fact]
    public void Now_AfterAdvancingTheFakeClock_MovesWithIt()
    {
        var clock = TestClock.At(new LocalDateTime(2026, 11, 21, 7, 59), PracticeTime.Zone);

        clock.Advance(Duration.FromMinutes(1));

        PracticeTime.Now(clock).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 21, 8, 0));
    }
}
