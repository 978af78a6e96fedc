using Booking.Core.Appointments;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Appointments;

public class PatientCorrectionTests
{
    private static readonly NhsNumber Nhs = NhsNumber.Parse("9434765919");
    private static readonly PatientDetails Stored = new(Nhs, "Jo Smith", new LocalDate(1980, 5, 17), "01632 960123");

    [Fact]
    public void ChangedElements_EachDetail_IsNamedInFormOrder()
    {
        var corrected = new PatientDetails(Nhs, "Joanna Smith", new LocalDate(1980, 7, 15), null);

        PatientCorrection.ChangedElements(Stored, corrected).Should().Equal(PatientElement.Name, PatientElement.DateOfBirth, PatientElement.Phone);
    }

    [Fact]
    public void ChangedElements_CapitalsInTheName_CountAsAChange()
    {
        PatientCorrection.ChangedElements(Stored, Stored with { Name = "Jo SMITH" }).Should().Equal(PatientElement.Name);
    }

    [Fact]
    public void ChangedElements_OnlySpacingOrABlankPhone_IsNoChange()
    {
        PatientCorrection.ChangedElements(Stored with { Phone = null }, Stored with { Name = "  Jo   Smith ", Phone = "  " }).Should().BeEmpty();
    }

    [Fact]
    public void ChangedElements_AnotherNhsNumber_IsRefused()
    {
        var someoneElse = Stored with { NhsNumber = NhsNumber.Parse("4010232137") };

        var act = () => PatientCorrection.ChangedElements(Stored, someoneElse);

        act.Should().Throw<ArgumentException>().WithMessage("*different patient*");
    }

    [Property]
    public Property ChangedElements_SpacesAddedAnywhereBetweenWords_AreNeverAChange(PositiveInt lead, PositiveInt between, PositiveInt trail)
    {
        string Spaced(string text) =>
            new string(' ', lead.Get % 5) + string.Join(new string(' ', 1 + (between.Get % 4)), text.Split(' ')) + new string(' ', trail.Get % 5);
        var corrected = Stored with { Name = Spaced(Stored.Name), Phone = Spaced(Stored.Phone!) };
        return (PatientCorrection.ChangedElements(Stored, corrected).Count == 0).ToProperty();
    }

    [Property]
    public Property ChangedElements_AnyOtherDateOfBirth_IsAChangeOfThatDetailAlone(int dayOffset)
    {
        var days = (dayOffset % 20_000) is 0 ? 1 : dayOffset % 20_000;
        var corrected = Stored with { DateOfBirth = Stored.DateOfBirth.PlusDays(days) };
        return PatientCorrection.ChangedElements(Stored, corrected).SequenceEqual([PatientElement.DateOfBirth]).ToProperty();
    }
}
