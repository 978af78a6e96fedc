using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Scheduling;

public class SlotSearchTests
{
    private static readonly LocalDate Tuesday = Monday.PlusDays(1);

    [Theory]
    [InlineData(11, 50, true)]
    [InlineData(12, 0, false)]
    public void Matches_Morning_StartsBeforeNoon(int hour, int minute, bool expected) =>
        new FreeSlotSearch(1, Monday, TimeOfDay.Morning).Matches(Slot(Monday, hour, minute)).Should().Be(expected);

    [Theory]
    [InlineData(12, 0, true)]
    [InlineData(16, 50, true)]
    [InlineData(17, 0, false)]
    public void Matches_Afternoon_FromNoonBeforeFive(int hour, int minute, bool expected) =>
        new FreeSlotSearch(1, Monday, TimeOfDay.Afternoon).Matches(Slot(Monday, hour, minute)).Should().Be(expected);

    [Fact]
    public void Matches_Evening_RunsToMidnight() =>
        new FreeSlotSearch(1, Monday, TimeOfDay.Evening).Matches(Slot(Monday, 23, 40)).Should().BeTrue();

    [Theory]
    [InlineData(8, 50, false)]
    [InlineData(9, 0, true)]
    [InlineData(10, 50, true)]
    [InlineData(11, 0, false)]
    public void Matches_Between_StartInsideTheHalfOpenRange(int hour, int minute, bool expected) =>
        new FreeSlotSearch(1, Monday, TimeOfDay.Between(LocalTimeRange.Parse("09:00-11:00"))).Matches(Slot(Monday, hour, minute)).Should().Be(expected);

    [Fact]
    public void Matches_TomorrowMorning_LeavesOutTodayAndOtherServicesClinicianAndSite()
    {
        var search = new FreeSlotSearch(1, Tuesday, TimeOfDay.Morning, PractitionerId: 2, SiteId: 3);

        search.Matches(Slot(Tuesday, 9, practitioner: 2, site: 3)).Should().BeTrue();
        search.Matches(Slot(Monday, 9, practitioner: 2, site: 3)).Should().BeFalse("the search starts tomorrow");
        search.Matches(Slot(Tuesday, 9, practitioner: 2, site: 3, service: 4)).Should().BeFalse();
        search.Matches(Slot(Tuesday, 9, practitioner: 1, site: 3)).Should().BeFalse();
        search.Matches(Slot(Tuesday, 9, practitioner: 2, site: 1)).Should().BeFalse();
    }

    [Fact]
    public void Between_Name_SaysTheTimes() =>
        TimeOfDay.Between(LocalTimeRange.Parse("09:00-11:30")).Name.Should().Be("09:00 to 11:30");
}
