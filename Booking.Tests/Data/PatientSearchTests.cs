using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>Finding patients by part of their name on a real SQLite file.</summary>
public sealed class PatientSearchTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private PatientSearch _search = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        var practice = await TestPractice.CreateAsync(_stores.Store);
        _search = new PatientSearch(_stores.Factory);
        await BookAsync(practice, 8, 0, 1, "Jane Smith", new LocalDate(1980, 5, 17));
        await BookAsync(practice, 8, 10, 2, "Janet Smithson", new LocalDate(1991, 2, 3));
        await BookAsync(practice, 8, 20, 3, "Ahmed O'Brien", new LocalDate(1980, 5, 17));
        await BookAsync(practice, 8, 30, 4, "Jane Smith", new LocalDate(1955, 1, 9));
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FindByNameAsync_PartOfTheNameInAnyCase_ListsEveryMatchByNameThenBirth()
    {
        var found = await _search.FindByNameAsync("SMITH");

        found.Patients.Select(p => (p.Name, p.DateOfBirth)).Should().Equal(
            ("Jane Smith", new LocalDate(1955, 1, 9)),
            ("Jane Smith", new LocalDate(1980, 5, 17)),
            ("Janet Smithson", new LocalDate(1991, 2, 3)));
        found.Patients[1].NhsNumber.Should().Be(DataStores.Patient(1));
        found.HasMore.Should().BeFalse();
    }

    [Fact]
    public async Task FindByNameAsync_WordsInAnyOrder_MatchesWhenEveryWordIsInTheName()
    {
        var found = await _search.FindByNameAsync("  smi   jan ");

        found.Patients.Should().HaveCount(3);
        (await _search.FindByNameAsync("jane brien")).Patients.Should().BeEmpty();
        (await _search.FindByNameAsync("o'bri")).Patients.Should().ContainSingle().Which.Name.Should().Be("Ahmed O'Brien");
    }

    [Fact]
    public async Task FindByNameAsync_WithDateOfBirth_KeepsOnlyPatientsBornThatDay()
    {
        var found = await _search.FindByNameAsync("jane", new LocalDate(1980, 5, 17));

        found.Patients.Should().ContainSingle().Which.NhsNumber.Should().Be(DataStores.Patient(1));
    }

    [Fact]
    public async Task FindByNameAsync_PercentSign_IsMatchedLiterallyNotAsAWildcard()
    {
        (await _search.FindByNameAsync("%%")).Patients.Should().BeEmpty();
    }

    [Fact]
    public async Task FindByNameAsync_OneLetter_IsRefused()
    {
        var act = () => _search.FindByNameAsync(" j ");

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private async Task BookAsync(TestPractice practice, int hour, int minute, int patient, string name, LocalDate born)
    {
        var details = DataStores.PatientDetails(patient) with { Name = name, DateOfBirth = born };
        var outcome = await _stores.Booking.BookAsync(new NewBooking(practice.Slot(hour, minute), details, Channel.Reception), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
    }
}
