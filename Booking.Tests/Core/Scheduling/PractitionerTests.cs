using Booking.Core.Scheduling;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class PractitionerTests
{
    [Fact]
    public void Constructor_GpWithGmcNumber_KeepsIdentifierAndFhirSystem()
    {
        var patel = new Practitioner(1, "Dr Anita Patel", PractitionerRole.Gp, [new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, " 1234567 ")]);

        patel.Identifiers.Should().ContainSingle().Which.Value.Should().Be("1234567");
        patel.Identifiers[0].System.Should().Be("https://fhir.hl7.org.uk/Id/gmc-number");
    }

    [Theory]
    [InlineData(PractitionerIdentifierKind.Gmc, "123456")]
    [InlineData(PractitionerIdentifierKind.Nmc, "1234567")]
    [InlineData(PractitionerIdentifierKind.SdsUserId, "12345678901")]
    public void IdentifierConstructor_WrongFormat_Throws(PractitionerIdentifierKind kind, string value)
    {
        var act = () => new PractitionerIdentifier(kind, value);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void IdentifierConstructor_NmcPinInLowerCase_IsNormalised()
    {
        new PractitionerIdentifier(PractitionerIdentifierKind.Nmc, "12a3456e").Value.Should().Be("12A3456E");
    }

    [Fact]
    public void Constructor_TwoIdentifiersFromOneRegister_Throws()
    {
        var act = () => new Practitioner(1, "Dr Patel", PractitionerRole.Gp,
        [
            new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "1234567"),
            new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "7654321"),
        ]);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructor_ZeroId_Throws()
    {
        var act = () => new Practitioner(0, "Nurse Jones", PractitionerRole.Nurse);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
