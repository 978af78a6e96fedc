using System.Globalization;
using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Benchmarks;

/// <summary>
/// A realistic large practice for benchmarks: 30 clinicians, each with a morning and an afternoon session
/// every weekday (10- to 15-minute slots and a break in each), a few on alternate weeks, with England and
/// Wales bank holidays, a monthly training afternoon and a fortnight's leave per clinician. Deterministic,
/// so runs compare. Other benchmarks (availability, booking) build on the same rota and slots.
/// </summary>
public static class PracticeFixture
{
    /// <summary>Clinicians in the practice.</summary>
    public const int Clinicians = 30;

    /// <summary>The benchmarked year, 2026: both clock changes and eight bank holidays.</summary>
    public static readonly DateInterval Year = new(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));

    /// <summary>The rota described above.</summary>
    public static Rota Rota { get; } = BuildRota();

    /// <summary>NHS 111, an urgent-care organisation with its own daily allocation.</summary>
    public static Channel Nhs111 { get; } = Channel.ForOrganisation(OdsCode.Parse("NHS111"), "urgent-care");

    /// <summary>
    /// The practice's release rules: GP (service 1) and nurse (service 2) slots released to reception, online and
    /// 111 two days ahead at 08:00 within 14 days and an hour's notice, handed back to reception an hour before;
    /// 111's daily allocation, 40% of GP slots a day online and 4 a session online, at most 2 bookings a patient.
    /// </summary>
    public static ReleasePolicy Policy { get; } = BuildPolicy();

    /// <summary>
    /// A deterministic busy ledger over <paramref name="slots"/>: 60% booked, mostly by reception, some online and by 111,
    /// by 5,000 patients.
    /// </summary>
    public static QuotaLedger BusyLedger(IEnumerable<Slot> slots)
    {
        var random = new Random(42);
        var channels = new[] { Channel.Reception, Channel.Reception, Channel.Reception, Channel.Online, Nhs111 };
        var ledger = new QuotaLedger();
        foreach (var slot in slots)
        {
            if (random.NextDouble() < 0.6)
            {
                ledger.Record(LedgerEntry.For(slot, channels[random.Next(channels.Length)], Patient(random.Next(5_000))));
            }
        }

        return ledger;
    }

    /// <summary>A valid NHS number derived from <paramref name="n"/> (the first nine digits that have a check digit).</summary>
    public static NhsNumber Patient(int n)
    {
        for (var prefix = 100_000_000 + (n * 10); ; prefix++)
        {
            var digits = prefix.ToString("D9", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(digits) is { } check)
            {
                return NhsNumber.Parse(digits + check);
            }
        }
    }

    private static ReleasePolicy BuildPolicy()
    {
        var nhs111 = ChannelSelector.OrganisationType("urgent-care", "111");
        var everyone = new[] { ChannelSelector.Reception, ChannelSelector.Online, nhs111 };
        ReleaseRule Rule(int id, int service) => new(
            id,
            ReleaseScope.ForService(service),
            EffectivePeriod.Always,
            everyone.Select(c => new ChannelRelease(c)).ToList(),
            new ReleaseTerms(ReleaseTime.DaysBefore(2, new LocalTime(8, 0)), BookingWindowDays: 14, MinimumNotice: Duration.FromHours(1)),
            new HandBack(Duration.FromHours(1), ChannelSelector.Reception));
        return new ReleasePolicy(
            Rota.Zone,
            [Rule(1, 1), Rule(2, 2)],
            [
                Nhs111Allocation.DailyQuota(1, nhs111, 9_000),
                new Quota(2, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(40)) { ServiceId = 1 },
                new Quota(3, ChannelSelector.Online, QuotaPeriod.Session, QuotaLimit.Count(4)),
            ],
            new PatientCap(2, ChannelSelector.Everyone));
    }

    private static Rota BuildRota()
    {
        var templates = new List<SessionTemplate>();
        var leave = new List<PractitionerLeave>();
        var start = Year.Start;
        for (var clinician = 1; clinician <= Clinicians; clinician++)
        {
            // GPs 1-12 in 10-minute slots, nurses and others in 15-minute slots.
            var (service, minutes) = clinician <= 12 ? (1, 10) : (2, 15);
            var site = clinician % 3 == 0 ? 2 : 1;
            var morning = SessionLayout.Uniform(
                Range(8, 30, 12, 0), service, SlotLength.FromMinutes(minutes), Range(10, 30, 10, 45 + (minutes == 10 ? 5 : 0)));
            var afternoon = SessionLayout.Uniform(
                Range(14, 0, 18, 0), service, SlotLength.FromMinutes(minutes), Range(16, 0, 16, 30));
            var pattern = clinician % 10 == 0 ? WeekPattern.AlternateWeeks(start) : WeekPattern.EveryWeek;
            for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
            {
                templates.Add(new SessionTemplate(templates.Count + 1, clinician, site, day, morning, start, pattern: pattern));
                templates.Add(new SessionTemplate(templates.Count + 1, clinician, site, day, afternoon, start, pattern: pattern));
            }

            var leaveStart = start.PlusWeeks(4 + (clinician % 40));
            leave.Add(new PractitionerLeave(clinician, clinician, new DateInterval(leaveStart, leaveStart.PlusDays(13))));
        }

        var closures = Enumerable.Range(1, 12)
            .Select(month => new Closure(month, LastWednesday(2026, month), "Training afternoon", Range(13, 0, 18, 30)));

        return new Rota(templates, leave: leave, closures: closures);
    }

    private static LocalTimeRange Range(int startHour, int startMinute, int endHour, int endMinute) =>
        new(new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute));

    private static LocalDate LastWednesday(int year, int month)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        return last.DayOfWeek == IsoDayOfWeek.Wednesday ? last : last.Previous(IsoDayOfWeek.Wednesday);
    }
}
