using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// Correcting a known patient's details is its own audited step on a real SQLite file: a booking never changes them
/// (usability finding: a later booking's name relabelled an arrived patient everywhere), and a correction changes them
/// for every appointment at once, keeps the old and the new in the audit log, and never overwrites a correction it
/// did not see.
/// </summary>
public sealed class PatientRecordsTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private PatientRecords _patients = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _patients = new PatientRecords(_stores.Factory, _stores.Changes, _stores.Clock, NullLogger<PatientRecords>.Instance);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FindAsync_KnownAndUnknownNumbers_GivesTheStoredRecordOrNothing()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));

        var known = await _patients.FindAsync(DataStores.Patient(1));
        var unknown = await _patients.FindAsync(DataStores.Patient(2));

        known!.Details.Should().Be(DataStores.PatientDetails(1));
        unknown.Should().BeNull();
    }

    [Fact]
    public async Task BookAsync_KnownNumberWithAnotherSpelling_LeavesTheRecordAsItWas()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));

        await BookAsync(10, 0, DataStores.PatientDetails(1) with { Name = "Somebody Else" });

        (await _patients.FindAsync(DataStores.Patient(1)))!.Details.Name.Should().Be("Patient 1");
    }

    [Fact]
    public async Task CorrectAsync_ChangedNameAndPhone_ChangesEveryAppointmentAndAuditsTheOldAndTheNew()
    {
        var first = await BookAsync(9, 0, DataStores.PatientDetails(1));
        await BookAsync(10, 0, DataStores.PatientDetails(1));
        var record = (await _patients.FindAsync(DataStores.Patient(1)))!;
        var notices = new List<AppointmentChangeNotice>();
        using var subscription = _stores.Changes.Subscribe(notices.Add);

        var outcome = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), record.Version, "  Patient   One ", record.Details.DateOfBirth, "01632 960001"), DataStores.Receptionist);

        outcome.Result.Should().Be(PatientCorrectionResult.Updated);
        outcome.Record!.Details.Should().Be(record.Details with { Name = "Patient One", Phone = "01632 960001" });
        outcome.Record.Version.Should().Be(record.Version + 1);
        var appointments = await _stores.Queries.GetPatientAppointmentsAsync(DataStores.Patient(1));
        appointments.Should().HaveCount(2).And.OnlyContain(a => a.Appointment.Patient.Name == "Patient One");
        notices.Should().HaveCount(2, "every screen showing one of the patient's days redraws the new name")
            .And.OnlyContain(n => n.Action == PatientRecords.CorrectedAction && n.Dates.Single() == TestPractice.Monday);
        notices.Select(n => n.Id).Should().Contain(first.Appointment.Id);

        await using var db = await _stores.Factory.CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == PatientRecords.CorrectedAction);
        entry.Actor.Should().Be("Sam Taylor");
        entry.SubjectType.Should().Be("Patient");
        entry.Before.Should().Contain("\"name\":\"Patient 1\"").And.Contain("\"phone\":\"07700 900000\"");
        entry.After.Should().Contain("\"name\":\"Patient One\"").And.Contain("\"phone\":\"01632 960001\"");
    }

    [Fact]
    public async Task CorrectAsync_DateOfBirthAndRemovedPhone_AreStored()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));
        var record = (await _patients.FindAsync(DataStores.Patient(1)))!;

        var outcome = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), record.Version, record.Details.Name, new LocalDate(1971, 2, 3), " "), DataStores.Receptionist);

        outcome.Result.Should().Be(PatientCorrectionResult.Updated);
        (await _patients.FindAsync(DataStores.Patient(1)))!.Details.Should().Be(record.Details with { DateOfBirth = new LocalDate(1971, 2, 3), Phone = null });
    }

    [Fact]
    public async Task CorrectAsync_AgainstAnOlderVersion_IsRefusedWithTheCurrentRecordAndChangesNothing()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));
        var seen = (await _patients.FindAsync(DataStores.Patient(1)))!;
        var otherDesk = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), seen.Version, "Patient Uno", seen.Details.DateOfBirth, seen.Details.Phone), DataStores.Receptionist);
        otherDesk.Result.Should().Be(PatientCorrectionResult.Updated);

        var late = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), seen.Version, "Patient One", seen.Details.DateOfBirth, seen.Details.Phone), DataStores.Receptionist);

        late.Result.Should().Be(PatientCorrectionResult.Stale);
        late.Record!.Details.Name.Should().Be("Patient Uno", "the refusal shows what the other desk saved");
        (await _patients.FindAsync(DataStores.Patient(1)))!.Details.Name.Should().Be("Patient Uno");
        (await AuditCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task CorrectAsync_BreakingCoreRules_SaysWhyAndChangesNothing()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));
        var record = (await _patients.FindAsync(DataStores.Patient(1)))!;
        var tomorrow = TestPractice.Monday.PlusDays(1);

        var outcome = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), record.Version, "", tomorrow, "call me"), DataStores.Receptionist);

        outcome.Result.Should().Be(PatientCorrectionResult.Invalid);
        outcome.Problems.Select(p => p.Element).Should().BeEquivalentTo([PatientElement.Name, PatientElement.DateOfBirth, PatientElement.Phone]);
        (await _patients.FindAsync(DataStores.Patient(1)))!.Should().Be(record);
        (await AuditCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task CorrectAsync_SameDetailsOrUnknownPatient_ChangesAndAuditsNothing()
    {
        await BookAsync(9, 0, DataStores.PatientDetails(1));
        var record = (await _patients.FindAsync(DataStores.Patient(1)))!;

        var same = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(1), record.Version, record.Details.Name + " ", record.Details.DateOfBirth, record.Details.Phone), DataStores.Receptionist);
        var unknown = await _patients.CorrectAsync(
            new PatientDetailsCorrection(DataStores.Patient(2), 1, "Nobody Known", new LocalDate(1980, 1, 1), null), DataStores.Receptionist);

        same.Result.Should().Be(PatientCorrectionResult.Unchanged);
        same.Record.Should().Be(record);
        unknown.Result.Should().Be(PatientCorrectionResult.NotFound);
        (await AuditCountAsync()).Should().Be(0);
    }

    private async Task<StoredAppointment> BookAsync(int hour, int minute, PatientDetails patient)
    {
        var outcome = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(hour, minute), patient, Channel.Reception), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!;
    }

    private async Task<int> AuditCountAsync() =>
        await _stores.CountAsync(db => db.AuditEntries.Where(e => e.Action == PatientRecords.CorrectedAction));
}
