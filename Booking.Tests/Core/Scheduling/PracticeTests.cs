using Booking.Core.Organisations;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class PracticeTests
{
    [Fact]
    public void Constructor_WithoutZone_UsesEuropeLondon()
    {
        var practice = new Practice(OdsCode.Parse("Y12345"), "Riverside Surgery", 9_000);

        practice.TimeZone.Should().BeSameAs(PracticeTime.Zone);
        practice.Name.Should().Be("Riverside Surgery");
    }

    [Fact]
    public void Constructor_DefaultOdsCode_Throws()
    {
        var act = () => new Practice(default, "Riverside Surgery", 9_000);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_NegativeListSize_Throws()
    {
        var act = () => new Practice(OdsCode.Parse("Y12345"), "Riverside Surgery", -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SiteConstructor_BlankName_Throws()
    {
        var act = () => new Site(1, "   ");

        act.Should().Throw<ArgumentException>();
    }
}
