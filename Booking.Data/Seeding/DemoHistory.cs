using System.Globalization;
using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Seeding;

/// <summary>
/// Twelve weeks of past appointments for the Development demo, so the reports have something real to show: slots the
/// stored rota produced before today, booked through reception, online and NHS 111 at believable lead times, then
/// arrived and seen, marked did-not-attend (more often the longer ahead they were booked) or cancelled. Every
/// booking and status change goes through Core (<see cref="AppointmentBook"/> under the stored release rules, at the
/// booking instant), and the rows are written directly, booked by the <see cref="HistoryActorId"/> actor and audited
/// once as a whole, so nobody mistakes them for real bookings. Deterministic: a fixed random seed and the clock.
/// </summary>
public static class DemoHistory
{
    /// <summary>How many weeks before this week's Monday the history (and the demo rota) starts.</summary>
    public const int Weeks = 12;

    /// <summary>The actor id every history booking and status change carries.</summary>
    public const string HistoryActorId = "demo-history";

    /// <summary>The ODS code NHS 111 books with in the history (organisation type <see cref="DemoPractice.UrgentCareType"/>).</summary>
    public const string Nhs111OdsCode = "NHS111";

    private const int RandomSeed = 20_261_124;
    private const int PatientCount = 480;
    private const double FillRate = 0.82;
    private const double CancelRate = 0.04;

    // DNA likelihood by lead-time band, a little above the national figures so the chart has something to compare.
    private static readonly double[] DnaRateByBand = [0.02, 0.05, 0.07, 0.09, 0.11];

    private static readonly string[] GivenNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Ella", "Sophie", "Evie", "Ruby", "Aisha", "Zara",
        "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Mohammed", "Alfie", "Thomas", "Rhys", "Kwame", "Dylan",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Johnson", "Walker",
        "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Khan", "Ahmed",
        "Mensah", "Nowak", "O'Brien", "MacDonald", "Clarke", "Patel",
    ];

    private static readonly Actor History = new(HistoryActorId, "Demo history");

    /// <summary>
    /// Writes the history from <see cref="Weeks"/> weeks before this week's Monday up to yesterday, unless the database
    /// already holds appointments. Returns how many appointments it wrote.
    /// </summary>
    public static async Task<int> SeedAsync(IDbContextFactory<BookingDbContext> dbFactory, IClock clock, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Appointments.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var config = await new PracticeConfigurationProvider(dbFactory, clock).GetAsync(db, cancellationToken);
        if (config is null)
        {
            return 0;
        }

        var today = PracticeTime.Today(clock, config.Zone);
        var dates = new DateInterval(FirstDate(today), today.PlusDays(-1));
        var appointments = Generate(config, dates);

        var patients = new Dictionary<NhsNumber, PatientRow>();
        foreach (var appointment in appointments)
        {
            var patient = appointment.Patient;
            if (!patients.TryGetValue(patient.NhsNumber, out var row))
            {
                row = new PatientRow { NhsNumber = patient.NhsNumber.Value, Name = patient.Name, DateOfBirth = patient.DateOfBirth, Phone = patient.Phone };
                patients.Add(patient.NhsNumber, row);
                db.Patients.Add(row);
            }

            db.Appointments.Add(AppointmentMapping.NewRow(appointment, row));
        }

        AuditLog.Record(
            db, clock.GetCurrentInstant(), ActingParty.System(HistoryActorId), "demo-history.generated", "DemoHistory",
            $"{LocalDatePattern.Iso.Format(dates.Start)}..{LocalDatePattern.Iso.Format(dates.End)}", null,
            new { From = dates.Start, To = dates.End, Appointments = appointments.Count, Patients = patients.Count });
        await db.SaveChangesAsync(cancellationToken);
        return appointments.Count;
    }

    /// <summary>The first date of the history: <see cref="Weeks"/> weeks before the Monday of <paramref name="today"/>'s week.</summary>
    public static LocalDate FirstDate(LocalDate today)
    {
        var monday = today.DayOfWeek == IsoDayOfWeek.Monday ? today : today.Previous(IsoDayOfWeek.Monday);
        return monday.PlusWeeks(-Weeks);
    }

    private static List<Appointment> Generate(PracticeConfiguration config, DateInterval dates)
    {
        var random = new Random(RandomSeed);
        var patients = Enumerable.Range(0, PatientCount).Select(i => Patient(i, random)).ToList();
        var nhs111 = Channel.ForOrganisation(OdsCode.Parse(Nhs111OdsCode), DemoPractice.UrgentCareType);
        var book = new AppointmentBook(config.Policy);
        var ledger = new QuotaLedger();
        var generation = SlotGenerator.Generate(config.Rota, dates);
        var bands = new PracticeReports(config.Zone, dates, [], []);
        var appointments = new List<Appointment>();

        foreach (var date in dates)
        {
            var slots = generation.SlotsOn(date).Where(s => config.Service(s.ServiceId)?.Service.IsBookable == true).ToList();
            foreach (var slot in slots.Where(_ => random.NextDouble() < FillRate))
            {
                var patient = patients[random.Next(patients.Count)];
                var booked = TryBook(slot);
                if (booked is not null)
                {
                    appointments.Add(Outcome(booked, random, book, ledger, config, bands));
                }

                Appointment? TryBook(Slot slot)
                {
                    var mode = config.Service(slot.ServiceId)!.Service.DeliveryMode;
                    var attempts = new List<(Channel Channel, Instant At)>();
                    if (config.Policy.IsReleasedTo(nhs111, slot) && random.NextDouble() < 0.85)
                    {
                        attempts.Add((nhs111, SameDayBefore(slot, config.Zone, random, Duration.FromHours(1))));
                    }

                    var at = BookedAt(slot, config.Zone, LeadDays(mode, random), random);
                    if (config.Policy.IsReleasedTo(Channel.Online, slot) && random.NextDouble() < 0.45)
                    {
                        attempts.Add((Channel.Online, at));
                    }

                    // Reception books whatever the other channels could not, last of all in the hour before (hand-back).
                    attempts.Add((Channel.Reception, at));
                    attempts.Add((Channel.Reception, slot.Start - Duration.FromMinutes(random.Next(10, 55))));
                    foreach (var (channel, bookedAt) in attempts)
                    {
                        var request = new BookingRequest(new AppointmentId(NewGuid(random)), patient, slot, channel, History);
                        var result = book.Book(request, slots, ledger, bookedAt);
                        if (result.Succeeded)
                        {
                            return result.Appointment;
                        }
                    }

                    return null;
                }
            }
        }

        return appointments;
    }

    private static Appointment Outcome(
        Appointment appointment, Random random, AppointmentBook book, QuotaLedger ledger, PracticeConfiguration config, PracticeReports bands)
    {
        var slot = appointment.Slot;
        if (random.NextDouble() < CancelRate)
        {
            var at = appointment.CreatedAt + ((slot.Start - appointment.CreatedAt) / 2);
            var cancelled = book.Cancel(appointment, CancellationReason.PatientRequest, "Demo history", History, ledger, at);
            return cancelled.Appointment ?? appointment;
        }

        var band = (int)bands.BandOf(appointment);
        if (random.NextDouble() < DnaRateByBand[band])
        {
            return Require(appointment.MarkDidNotAttend(History, appointment.End + Duration.FromMinutes(5)));
        }

        var inPerson = config.Service(slot.ServiceId)?.Service.DeliveryMode is DeliveryMode.InPerson;
        var attended = inPerson ? Require(appointment.MarkArrived(History, slot.Start - Duration.FromMinutes(random.Next(1, 12)))) : appointment;
        return Require(attended.MarkFulfilled(History, slot.End));
    }

    private static Appointment Require(TransitionResult result) =>
        result.Succeeded ? result.Appointment : throw new InvalidOperationException("Demo history step refused: " + result.Refusal.Message);

    /// <summary>Days between booking and appointment: telephone slots mostly on the day, others spread up to four weeks.</summary>
    private static int LeadDays(DeliveryMode mode, Random random)
    {
        var roll = random.NextDouble();
        if (mode is DeliveryMode.Telephone)
        {
            return roll < 0.7 ? 0 : roll < 0.9 ? 1 : random.Next(2, 8);
        }

        return roll switch
        {
            < 0.20 => 0,
            < 0.35 => 1,
            < 0.70 => random.Next(2, 8),
            < 0.88 => random.Next(8, 15),
            _ => random.Next(15, 29),
        };
    }

    /// <summary>A booking instant <paramref name="days"/> before the slot, in office hours, and always before the slot starts.</summary>
    private static Instant BookedAt(Slot slot, DateTimeZone zone, int days, Random random)
    {
        if (days == 0)
        {
            return SameDayBefore(slot, zone, random, Duration.FromMinutes(20));
        }

        var local = slot.Date.PlusDays(-days).At(new LocalTime(8, 0).PlusMinutes(random.Next(0, 10 * 60)));
        return local.InZoneLeniently(zone).ToInstant();
    }

    /// <summary>Between 08:00 on the slot's day and <paramref name="margin"/> before it starts (just before, for early slots).</summary>
    private static Instant SameDayBefore(Slot slot, DateTimeZone zone, Random random, Duration margin)
    {
        var opening = slot.Date.At(new LocalTime(8, 0)).InZoneLeniently(zone).ToInstant();
        var latest = slot.Start - margin;
        if (latest <= opening)
        {
            return slot.Start - Duration.FromMinutes(random.Next(5, 30));
        }

        return opening + Duration.FromMinutes(random.Next(0, (int)(latest - opening).TotalMinutes));
    }

    private static PatientDetails Patient(int index, Random random)
    {
        var name = $"{GivenNames[random.Next(GivenNames.Length)]} {FamilyNames[random.Next(FamilyNames.Length)]}";
        var born = new LocalDate(1938, 1, 1).PlusDays(random.Next(0, 365 * 84));
        var phone = $"07700 900{random.Next(0, 1000):D3}";
        return new PatientDetails(HistoryNhsNumber(index), name, born, phone);
    }

    /// <summary>Valid NHS numbers starting 6, a range no test or demo login uses.</summary>
    private static NhsNumber HistoryNhsNumber(int index)
    {
        for (var candidate = 600_000_000 + (index * 13); ; candidate++)
        {
            var firstNine = candidate.ToString("D9", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(firstNine) is { } check)
            {
                return NhsNumber.Parse(firstNine + check.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
