using Booking.Core.Appointments;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Appointments;

public class KnownPatientTests
{
    private static readonly NhsNumber Nhs = NhsNumber.Parse("9434765919");
    private static readonly PatientDetails Stored = new(Nhs, "Jo Smith", new LocalDate(1980, 5, 17), "01632 960123");

    [Fact]
    public void Match_AnotherDateOfBirth_IsRefusedWithTheReason()
    {
        var match = KnownPatient.Match(Stored, Stored with { DateOfBirth = new LocalDate(1980, 5, 18), Name = "Jo Smith" });

        match.BookAs.Should().BeNull();
        match.Refusal.Should().NotBeNull();
        match.Refusal!.ToString().Should().Contain("943 476 5919").And.Contain("different date of birth");
    }

    [Fact]
    public void Match_AnotherSpellingOfTheName_BooksUnderTheStoredName()
    {
        var match = KnownPatient.Match(Stored, Stored with { Name = "Joanna Smyth" });

        match.Refusal.Should().BeNull();
        match.BookAs.Should().Be(Stored);
        match.NameDiffers.Should().BeTrue();
    }

    [Fact]
    public void Match_TheSameNameInOtherCaseAndSpacing_IsNotADifference()
    {
        KnownPatient.Match(Stored, Stored with { Name = "  jo   SMITH " }).NameDiffers.Should().BeFalse();
    }

    [Fact]
    public void Match_APhoneWhenTheRecordHasNone_FillsItIn_ButNeverReplacesOne()
    {
        var withoutPhone = Stored with { Phone = null };

        KnownPatient.Match(withoutPhone, Stored with { Phone = "07700 900123" }).BookAs!.Phone.Should().Be("07700 900123");
        KnownPatient.Match(Stored, Stored with { Phone = "07700 900123" }).BookAs!.Phone.Should().Be("01632 960123");
    }

    [Fact]
    public void Match_AnotherNhsNumber_IsAProgrammingError()
    {
        var act = () => KnownPatient.Match(Stored, Stored with { NhsNumber = NhsNumber.Parse("9000000009") });

        act.Should().Throw<ArgumentException>();
    }

    [Property]
    public Property Match_NeverChangesTheStoredNameOrDateOfBirth(NonNull<string> name, int dayOffset, bool samePhone) =>
        Prop.ToProperty(Check(name.Get, dayOffset % 20_000, samePhone));

    private static bool Check(string name, int dayOffset, bool samePhone)
    {
        var given = new PatientDetails(Nhs, name, Stored.DateOfBirth.PlusDays(dayOffset), samePhone ? Stored.Phone : "07700 900999");
        var match = KnownPatient.Match(Stored, given);
        return dayOffset == 0
            ? match.Refusal is null && match.BookAs!.Name == Stored.Name && match.BookAs.DateOfBirth == Stored.DateOfBirth && match.BookAs.Phone == Stored.Phone
            : match.Refusal is not null && match.BookAs is null;
    }
}
