using Booking.Core.Appointments;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Appointments;

public class PatientRulesTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);

    [Fact]
    public void Problems_GoodDetails_None() =>
        PatientRules.Problems("Jo Smith", new LocalDate(1980, 5, 17), "+44 (0)1632 960-123", Today).Should().BeEmpty();

    [Fact]
    public void Problems_NewPatientWithoutNameOrBirthDate_NamesBoth() =>
        PatientRules.Problems(null, null, null, Today).Select(p => p.Element)
            .Should().Equal(PatientElement.Name, PatientElement.DateOfBirth);

    [Fact]
    public void Problems_KnownPatientWithNothingGiven_None() =>
        PatientRules.Problems(null, null, null, Today, requireNameAndBirthDate: false).Should().BeEmpty();

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public void Problems_BlankName_RefusedEvenForAKnownPatient(string name) =>
        PatientRules.Problems(name, null, null, Today, requireNameAndBirthDate: false)
            .Should().ContainSingle().Which.Element.Should().Be(PatientElement.Name);

    [Fact]
    public void Problems_NameOverTheLimit_Refused() =>
        PatientRules.Problems(new string('a', PatientRules.NameMaxLength + 1), Today, null, Today)
            .Should().ContainSingle().Which.Message.Should().Contain(PatientRules.NameMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("call me")]
    [InlineData("01632 960123 ext 4")]
    [InlineData("٠١٦٣٢")]
    public void Problems_PhoneWithOtherThanDigitsSpacesBracketsHyphensPlus_Refused(string phone) =>
        PatientRules.Problems("Jo Smith", Today, phone, Today).Should().ContainSingle().Which.Element.Should().Be(PatientElement.Phone);

    [Fact]
    public void Problems_PhoneOverTheLimit_Refused() =>
        PatientRules.Problems("Jo Smith", Today, new string('1', PatientRules.PhoneMaxLength + 1), Today)
            .Should().ContainSingle().Which.Element.Should().Be(PatientElement.Phone);

    [Property]
    public Property Problems_BirthDate_IsRefusedExactlyWhenInTheFutureOrOver130YearsAgo(int dayOffset)
    {
        var born = Today.PlusDays(dayOffset % 60_000);
        var refused = PatientRules.Problems("Jo Smith", born, null, Today).Any(p => p.Element == PatientElement.DateOfBirth);
        var expected = born > Today || born < Today.PlusYears(-PatientRules.OldestAgeYears);
        return (refused == expected).Label($"born {born}");
    }

    [Property]
    public Property Problems_ARefusedBirthDateIsRefusedForAKnownPatientToo(int dayOffset)
    {
        var born = Today.PlusDays(1 + Math.Abs(dayOffset % 20_000));
        return PatientRules.Problems(null, born, null, Today, requireNameAndBirthDate: false)
            .Any(p => p.Element == PatientElement.DateOfBirth).ToProperty();
    }
}
