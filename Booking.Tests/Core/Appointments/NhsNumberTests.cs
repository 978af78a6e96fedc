using Booking.Core.Appointments;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Booking.Tests.Core.Appointments;

public class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("9000000009")]
    [InlineData("4010232137")]
    [InlineData("4857773457")]
    [InlineData("1234567881")]
    public void TryParse_ValidNumber_Succeeds(string text)
    {
        NhsNumber.TryParse(text, out var number, out _).Should().BeTrue();
        number!.Value.Should().Be(text);
    }

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData(" 943 4765 919 ")]
    public void TryParse_SpacesAndHyphens_AreIgnored(string text)
    {
        NhsNumber.TryParse(text, out var number, out _).Should().BeTrue();
        number!.Value.Should().Be("9434765919");
    }

    [Fact]
    public void ToString_Always_GroupsThreeThreeFour() =>
        NhsNumber.Parse("9434765919").ToString().Should().Be("943 476 5919");

    [Theory]
    [InlineData(null, NhsNumberProblem.Empty)]
    [InlineData("   ", NhsNumberProblem.Empty)]
    [InlineData("94347659l9", NhsNumberProblem.NotDigits)]
    [InlineData("943476591", NhsNumberProblem.WrongLength)]
    [InlineData("94347659190", NhsNumberProblem.WrongLength)]
    [InlineData("9434765918", NhsNumberProblem.CheckDigitMismatch)]
    [InlineData("9434765991", NhsNumberProblem.CheckDigitMismatch)]
    [InlineData("1234567890", NhsNumberProblem.NoValidCheckDigit)]
    public void TryParse_InvalidNumber_GivesTheReason(string? text, NhsNumberProblem expected)
    {
        NhsNumber.TryParse(text, out var number, out var problem).Should().BeFalse();
        number.Should().BeNull();
        problem.Should().Be(expected);
        NhsNumber.Describe(problem).Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException() =>
        FluentActions.Invoking(() => NhsNumber.Parse("9434765918")).Should().Throw<FormatException>();

    [Fact]
    public void Equality_SameDigitsDifferentSpelling_Equal() =>
        NhsNumber.Parse("943 476 5919").Should().Be(NhsNumber.Parse("9434765919"));

    [Property]
    public Property CheckDigit_GeneratedForAnyPrefix_RoundTrips()
    {
        var prefixes = Gen.Choose(0, 999_999_999).Select(n => n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture)).ToArbitrary();
        return Prop.ForAll(prefixes, prefix =>
        {
            var check = NhsNumber.CheckDigit(prefix);
            if (check is null)
            {
                // No digit makes this prefix valid.
                return Enumerable.Range(0, 10).All(d => !NhsNumber.TryParse(prefix + d, out _, out _));
            }

            var valid = NhsNumber.TryParse(prefix + check, out var number, out _) && number!.Value == prefix + check;
            var othersInvalid = Enumerable.Range(0, 10).Where(d => d != check)
                .All(d => !NhsNumber.TryParse(prefix + d, out _, out var problem) && problem == NhsNumberProblem.CheckDigitMismatch);
            var formattedRoundTrips = valid && NhsNumber.Parse(number!.ToString()) == number;
            return valid && othersInvalid && formattedRoundTrips;
        });
    }
}
