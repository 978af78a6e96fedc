using Booking.Core.Release;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Core.Release;

public class QuotaTests
{
    [Theory]
    [InlineData(40, 12, 4)]
    [InlineData(40, 10, 4)]
    [InlineData(40, 2, 0)]
    [InlineData(100, 7, 7)]
    [InlineData(0, 30, 0)]
    [InlineData(33, 3, 0)]
    [InlineData(34, 3, 1)]
    public void CapFor_Share_RoundsDown(int percent, int slots, int expected) =>
        QuotaLimit.Share(percent).CapFor(slots).Should().Be(expected);

    [Fact]
    public void CapFor_Count_IgnoresTheSlotTotal() =>
        QuotaLimit.Count(3).CapFor(100).Should().Be(3);

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Share_OutOfRange_Throws(int percent) =>
        FluentActions.Invoking(() => QuotaLimit.Share(percent)).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2_999, 1)]
    [InlineData(3_000, 1)]
    [InlineData(3_001, 2)]
    [InlineData(9_000, 3)]
    [InlineData(10_400, 4)]
    public void SlotsPerDay_OnePer3000Patients_RoundsUp(int patients, int expected) =>
        Nhs111Allocation.SlotsPerDay(patients).Should().Be(expected);
}
