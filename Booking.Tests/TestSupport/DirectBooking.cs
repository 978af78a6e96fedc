using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Reporting;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Books into a database file the way another desk or the API would, through the real stores, at a time the test
/// chooses: how browser tests get appointments that have already started (nobody can book those through the UI).
/// </summary>
public sealed class DirectBooking
{
    private static readonly ActingParty OtherDesk = ActingParty.Staff("other-desk", "Jordan Lee");

    private readonly BookingService _bookings;
    private readonly BookingQueries _queries;

    public DirectBooking(TempDatabase database, LocalDateTime practiceNow)
    {
        Clock = TestClock.At(practiceNow, PracticeTime.Zone);
        var factory = database.CreateFactory();
        var configuration = new PracticeConfigurationProvider(factory, Clock);
        _bookings = new BookingService(factory, configuration, new AppointmentChangeFeed(NullLogger<AppointmentChangeFeed>.Instance),
            new BookingRefusalTally(factory, NullLogger<BookingRefusalTally>.Instance), Clock, NullLogger<BookingService>.Instance);
        _queries = new BookingQueries(factory, configuration, Clock);
    }

    public FakeClock Clock { get; }

    public BookingQueries Queries => _queries;

    public BookingService Bookings => _bookings;

    /// <summary>The id of the practitioner with <paramref name="name"/> in the stored configuration.</summary>
    public async Task<int> PractitionerIdAsync(string name)
    {
        var config = await _queries.GetConfigurationAsync();
        return config!.Practitioners.Single(p => p.Practitioner.Name == name).Practitioner.Id;
    }

    /// <summary>The practitioner's slot starting at <paramref name="start"/> (practice-local).</summary>
    public async Task<Slot> SlotAsync(string practitioner, LocalDateTime start)
    {
        var id = await PractitionerIdAsync(practitioner);
        var availability = await _queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(start.Date, start.Date));
        return availability.Verdicts.Select(v => v.Slot).Single(s => s.PractitionerId == id && s.LocalStart == start);
    }

    /// <summary>Books <paramref name="patient"/> into the practitioner's slot at <paramref name="start"/> through reception.</summary>
    public async Task<StoredAppointment> BookAsync(string practitioner, LocalDateTime start, PatientDetails patient)
    {
        var slot = await SlotAsync(practitioner, start);
        var outcome = await _bookings.BookAsync(new NewBooking(slot.Id, patient, Channel.Reception), OtherDesk);
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return outcome.Appointment!;
    }
}
