using Booking.Core.Appointments;
using Booking.Web.Components.Pages.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

public sealed class PatientInputTests
{
    private static readonly LocalDate Today = new(2026, 11, 24);

    [Fact]
    public void Check_ValidInput_GivesTrimmedDetails()
    {
        var input = new PatientInput { NhsNumber = "943-476-5919", Name = "  Jane Example ", DateOfBirth = new DateOnly(1980, 5, 17), Phone = " +44 7700 900123 " };

        var details = input.Check(Today, out var problems);

        problems.Should().BeEmpty();
        details.Should().Be(new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Example", new LocalDate(1980, 5, 17), "+44 7700 900123"));
    }

    [Theory]
    [InlineData("", NhsNumberProblem.Empty)]
    [InlineData("943 476 591", NhsNumberProblem.WrongLength)]
    [InlineData("943 476 591x", NhsNumberProblem.NotDigits)]
    [InlineData("943 476 5918", NhsNumberProblem.CheckDigitMismatch)]
    public void Check_BadNhsNumber_UsesCoresMessage(string nhsNumber, NhsNumberProblem problem)
    {
        var input = new PatientInput { NhsNumber = nhsNumber, Name = "Jane Example", DateOfBirth = new DateOnly(1980, 5, 17) };

        input.Check(Today, out var problems).Should().BeNull();

        problems.Should().Equal(new Dictionary<string, string> { [nameof(PatientInput.NhsNumber)] = NhsNumber.Describe(problem) });
    }

    [Fact]
    public void Check_FutureBirthAndLettersInPhone_NamesBothFields()
    {
        var input = new PatientInput { NhsNumber = "9434765919", Name = "Jane Example", DateOfBirth = new DateOnly(2026, 11, 25), Phone = "call me" };

        input.Check(Today, out var problems).Should().BeNull();

        problems.Keys.Should().BeEquivalentTo(nameof(PatientInput.DateOfBirth), nameof(PatientInput.Phone));
        input.Name.Should().Be("Jane Example", "a failed check changes nothing typed");
    }
}
