using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Storage;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using Xunit;

namespace Booking.Tests.Data;

public sealed class BookingServiceTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CancelAsync_BookedAppointment_FreesTheSlotAtOnceForTheNextBooking()
    {
        var slot = _practice.Slot(9, 0);
        var first = await BookAsync(slot, 1, Channel.Online);

        var cancelled = await _stores.Booking.CancelAsync(first.Appointment.Id, CancellationReason.PatientRequest, "Feeling better", DataStores.Receptionist);

        cancelled.Succeeded.Should().BeTrue();
        cancelled.Appointment!.Appointment.Status.Should().Be(AppointmentStatus.Cancelled);
        var online = await _stores.Queries.GetAvailabilityAsync(new Caller(Channel.Online, DataStores.Patient(2)), Day());
        online.ReasonsFor(slot).Should().BeEmpty("the cancelled slot is offered again at once");
        (await BookAsync(slot, 2, Channel.Online)).Appointment.Patient.NhsNumber.Should().Be(DataStores.Patient(2));
    }

    [Fact]
    public async Task Actions_EachBookingAction_WritesOneAuditEntryWithBeforeAndAfter()
    {
        var moved = await BookAsync(_practice.Slot(9, 0), 1);
        var cancelled = await BookAsync(_practice.Slot(10, 0), 2);
        var arrived = await BookAsync(_practice.Slot(10, 30), 3);

        var move = await _stores.Booking.MoveAsync(moved.Appointment.Id, _practice.Slot(9, 10), Channel.Reception, DataStores.Receptionist);
        (await _stores.Booking.CancelAsync(cancelled.Appointment.Id, CancellationReason.PracticeRequest, null, DataStores.Receptionist)).Succeeded.Should().BeTrue();
        _stores.Clock.Reset(AtMonday(9, 25));
        (await _stores.Booking.MarkDidNotAttendAsync(move.Booked!.Appointment.Id, DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Booking.MarkArrivedAsync(arrived.Appointment.Id, DataStores.Receptionist)).Succeeded.Should().BeTrue();
        (await _stores.Booking.UndoOutcomeAsync(arrived.Appointment.Id, DataStores.Receptionist)).Succeeded.Should().BeTrue();

        await using var db = await _stores.Factory.CreateDbContextAsync();
        var entries = await db.AuditEntries.Where(e => e.SubjectType == "Appointment").OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => e.Action).Should().Equal(
            "appointment.booked", "appointment.booked", "appointment.booked", "appointment.moved",
            "appointment.cancelled", "appointment.did-not-attend", "appointment.arrived", "appointment.outcome-undone");
        entries.Should().OnlyContain(e => e.Actor == "Sam Taylor" && e.After != null);
        entries.Skip(3).Should().OnlyContain(e => e.Before != null);
        entries[0].After.Should().Contain(DataStores.Patient(1).Value, "the audit log keeps who the appointment is for");
        entries[^1].Before.Should().Contain("Arrived");
        entries[^1].After.Should().Contain("Booked");
        (await db.AppointmentStatusChanges.CountAsync()).Should().Be(4 + 5, "four bookings, then moved-cancel, cancel, DNA, arrived, undo");
    }

    [Fact]
    public async Task MarkDidNotAttendAsync_BeforeTheSlotEnds_RefusedAndStillBooked()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);
        _stores.Clock.Reset(AtMonday(9, 5));

        var outcome = await _stores.Booking.MarkDidNotAttendAsync(booked.Appointment.Id, DataStores.Receptionist);

        outcome.Succeeded.Should().BeFalse();
        outcome.Message.Should().Contain("only once the appointment has ended");
        (await _stores.Queries.GetAppointmentAsync(booked.Appointment.Id))!.Appointment.Status.Should().Be(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task CancelAsync_StaleExpectedVersion_ReturnsConflictAndChangesNothing()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);
        _stores.Clock.Reset(AtMonday(8, 55));
        (await _stores.Booking.MarkArrivedAsync(booked.Appointment.Id, DataStores.Receptionist, booked.Version)).Succeeded.Should().BeTrue();

        var outcome = await _stores.Booking.CancelAsync(
            booked.Appointment.Id, CancellationReason.PatientRequest, null, DataStores.Receptionist, expectedVersion: booked.Version);

        outcome.Kind.Should().Be(AppointmentChangeKind.Conflict);
        (await _stores.Queries.GetAppointmentAsync(booked.Appointment.Id))!.Appointment.Status.Should().Be(AppointmentStatus.Arrived);
    }

    [Fact]
    public async Task SaveChanges_RowChangedSinceItWasRead_FailsOnTheConcurrencyToken()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);
        await using var first = await _stores.Factory.CreateDbContextAsync();
        await using var second = await _stores.Factory.CreateDbContextAsync();
        var mine = await first.Appointments.SingleAsync(a => a.Id == booked.Appointment.Id.Value);
        var theirs = await second.Appointments.SingleAsync(a => a.Id == booked.Appointment.Id.Value);
        theirs.ChangedByName = "Someone else";
        await second.SaveChangesAsync();

        mine.ChangedByName = "Me";
        var save = () => first.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Fact]
    public async Task BookAsync_DuplicateOnlyTheUniqueIndexCanSee_ReturnsSlotTaken()
    {
        var slot = _practice.Slot(9, 0);
        var other = await BookAsync(_practice.Slot(10, 0), 1);
        // A row the ledger does not read (dated elsewhere), as a writer without the lock might have left: only the index guards it.
        await using (var db = await _stores.Factory.CreateDbContextAsync())
        {
            var row = await db.Appointments.Include(a => a.History).SingleAsync(a => a.Id == other.Appointment.Id.Value);
            db.Appointments.Add(new AppointmentRow
            {
                Id = Guid.NewGuid(), SlotId = slot.Value, SessionKind = row.SessionKind, SessionId = row.SessionId, SlotDate = new LocalDate(2000, 1, 3),
                PractitionerId = row.PractitionerId, SiteId = row.SiteId, ServiceId = row.ServiceId, StartsAt = row.StartsAt, EndsAt = row.EndsAt,
                LocalStart = row.LocalStart, LocalEnd = row.LocalEnd, PatientId = row.PatientId, ChannelKind = ChannelKind.Reception,
                Status = AppointmentStatus.Booked, CreatedById = "x", CreatedByName = "x", CreatedAt = row.CreatedAt, ChangedById = "x", ChangedByName = "x", ChangedAt = row.ChangedAt,
            });
            await db.SaveChangesAsync();
        }

        var outcome = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(2), Channel.Reception), DataStores.Receptionist);

        outcome.Kind.Should().Be(BookingOutcomeKind.Refused);
        outcome.SlotTaken.Should().BeTrue();
        (await _stores.CountAsync(db => db.Patients)).Should().Be(1, "the refused booking's new patient row was rolled back with it");
    }

    [Fact]
    public async Task UniqueIndex_SecondActiveAppointmentInASlot_IsRefusedButCancelledOnesAreNot()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);
        await _stores.Booking.CancelAsync(booked.Appointment.Id, CancellationReason.PatientRequest, null, DataStores.Receptionist);
        await BookAsync(_practice.Slot(9, 0), 2);

        // Rows written past the booking service, straight through the model: only the index stands in the way.
        await using var db = await _stores.Factory.CreateDbContextAsync();
        var copied = await db.Appointments.AsNoTracking().FirstAsync(a => a.Status == AppointmentStatus.Booked);
        AppointmentRow Copy(AppointmentStatus status)
        {
            var row = (AppointmentRow)db.Entry(copied).CurrentValues.ToObject();
            row.Id = Guid.NewGuid();
            row.Status = status;
            row.Version = 1;
            return row;
        }

        db.Appointments.Add(Copy(AppointmentStatus.Cancelled));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.Appointments.Add(Copy(AppointmentStatus.Booked));

        var secondActive = () => db.SaveChangesAsync();

        var refused = (await secondActive.Should().ThrowAsync<DbUpdateException>()).Which;
        WriteTransaction.IsUniqueViolation(refused, "Appointments", nameof(AppointmentRow.SlotId)).Should().BeTrue(refused.InnerException?.Message);
        WriteTransaction.IsUniqueViolation(refused, "Appointments", nameof(AppointmentRow.Id)).Should().BeFalse("it is the slot's index that refused, not the key");
    }

    [Fact]
    public async Task BookAsync_RetriedWithTheSameId_ReturnsTheFirstBookingNotASecond()
    {
        var id = new AppointmentId(Guid.NewGuid());
        var request = new NewBooking(_practice.Slot(9, 0), DataStores.PatientDetails(1), Channel.Reception, id);

        var first = await _stores.Booking.BookAsync(request, DataStores.Receptionist);
        var retry = await _stores.Booking.BookAsync(request, DataStores.Receptionist);

        first.Succeeded.Should().BeTrue();
        retry.Succeeded.Should().BeTrue();
        retry.Appointment!.Appointment.Id.Should().Be(id);
        (await _stores.CountAsync(db => db.Appointments)).Should().Be(1);
    }

    [Fact]
    public async Task BookAsync_SlotTheRotaDoesNotHave_ReturnsSlotNotFound()
    {
        var outcome = await _stores.Booking.BookAsync(
            new NewBooking(_practice.Slot(13, 0), DataStores.PatientDetails(1), Channel.Reception), DataStores.Receptionist);

        outcome.Kind.Should().Be(BookingOutcomeKind.SlotNotFound);
    }

    [Fact]
    public async Task MoveAsync_ToAFreeSlot_CancelsTheOriginalAsMovedAndBooksTheTarget()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);

        var moved = await _stores.Booking.MoveAsync(booked.Appointment.Id, _practice.Slot(11, 0), Channel.Reception, DataStores.Receptionist, booked.Version);

        moved.Succeeded.Should().BeTrue();
        moved.Cancelled!.Appointment.CancellationReason.Should().Be(CancellationReason.Moved);
        moved.Booked!.Appointment.Slot.Id.Should().Be(_practice.Slot(11, 0));
        var list = await _stores.Queries.GetPatientAppointmentsAsync(DataStores.Patient(1));
        list.Select(a => a.Appointment.Status).Should().Equal(AppointmentStatus.Cancelled, AppointmentStatus.Booked);
    }

    [Fact]
    public async Task GetDayListAsync_PractitionersDay_ListsTheirAppointmentsInStartOrder()
    {
        await BookAsync(_practice.Slot(10, 0), 1);
        await BookAsync(_practice.Slot(9, 0), 2);

        var day = await _stores.Queries.GetDayListAsync(_practice.PractitionerId, TestPractice.Monday);

        day.Select(a => a.Appointment.Slot.LocalStart.TimeOfDay).Should().Equal(new LocalTime(9, 0), new LocalTime(10, 0));
    }

    [Fact]
    public async Task FindSlotAsync_BookedSlot_ReportsTheHolderAndWhyItIsNotOffered()
    {
        var booked = await BookAsync(_practice.Slot(9, 0), 1);

        var lookup = await _stores.Queries.FindSlotAsync(_practice.Slot(9, 0), new Caller(Channel.Reception));

        lookup!.Holder!.Appointment.Id.Should().Be(booked.Appointment.Id);
        lookup.Reasons.Should().ContainSingle(r => r is SlotAlreadyBooked);
    }

    [Fact]
    public async Task WriteTransaction_Begun_HoldsTheDatabaseWriteLockBeforeAnyWrite()
    {
        await using var db = await _stores.Factory.CreateDbContextAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        if (_stores.Database.Provider == DatabaseProvider.Sqlite)
        {
            await using var other = new SqliteConnection(_stores.Database.ConnectionString);
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=0;";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "BEGIN IMMEDIATE;";
            command.CommandTimeout = 1;

            var secondWriter = () => command.ExecuteNonQueryAsync();

            (await secondWriter.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY: the first transaction already holds the lock");
        }
        else
        {
            // Another instance's writer, past this process's gate: it must wait for the lock row.
            await using var other = new NpgsqlConnection(_stores.Database.ConnectionString);
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = """SET lock_timeout = '200ms'; UPDATE "WriteLock" SET "Taken" = "Taken" + 1;""";

            var secondWriter = () => command.ExecuteNonQueryAsync();

            (await secondWriter.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        }
    }

    private async Task<StoredAppointment> BookAsync(SlotId slot, int patient, Channel? channel = null)
    {
        var outcome = await _stores.Booking.BookAsync(new NewBooking(slot, DataStores.PatientDetails(patient), channel ?? Channel.Reception), DataStores.Receptionist);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!;
    }

    private static DateInterval Day() => new(TestPractice.Monday, TestPractice.Monday);

    private static Instant AtMonday(int hour, int minute) =>
        TestPractice.Monday.At(new LocalTime(hour, minute)).InZoneStrictly(Booking.Core.Time.PracticeTime.Zone).ToInstant();
}
