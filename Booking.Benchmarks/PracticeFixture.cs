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
