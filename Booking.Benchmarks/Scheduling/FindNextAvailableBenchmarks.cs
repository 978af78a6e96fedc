using BenchmarkDotNet.Attributes;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Benchmarks.Scheduling;

/// <summary>
/// Find next available for a service, in process, on a warm practice (issue 14 target: 1 ms): the 28 days the
/// page searches, <see cref="PracticeFixture"/>'s rota, policy and busy ledger.
/// </summary>
/// <remarks>
/// What is measured is what the page does once the availability index holds the days: it takes each kept day's
/// reception verdicts (judged once per day in set-up, as the index keeps them until a booking or the next
/// verdict change), puts the 28 days together in the index's order into one <see cref="Availability"/>, and keeps
/// the free slots that <see cref="FreeSlotSearch.Matches"/> and that have not started, earliest first, the first
/// 12. The index itself is not stood up: it needs a database for the configuration and each day's bookings,
/// and on a warm practice it reads neither. Not measured: the page's appointments read (a database query) and
/// its display records for every slot (Booking.Web's BookSlot, which also sorts every slot of the 28 days).
/// </remarks>
[MemoryDiagnoser]
public class FindNextAvailableBenchmarks
{
    private const int SearchDays = 28;
    private const int ListedSlots = 12;

    private static readonly LocalDate Today = new(2026, 3, 30);

    private readonly FreeSlotSearch _anyGp = new(1, Today);
    private readonly FreeSlotSearch _oneNurseAfternoons = new(2, Today, TimeOfDay.Afternoon, PractitionerId: 20);
    private (SlotVerdict[] Verdicts, int SlotCount)[] _keptDays = [];
    private Instant _now;

    [GlobalSetup]
    public void Setup()
    {
        var reception = new Caller(Channel.Reception);
        _now = Today.At(new LocalTime(10, 0)).InZoneStrictly(PracticeFixture.Rota.Zone).ToInstant();
        _keptDays = new DateInterval(Today, Today.PlusDays(SearchDays - 1))
            .Select(date =>
            {
                var day = SlotGenerator.Generate(PracticeFixture.Rota, new DateInterval(date, date));
                var verdicts = PracticeFixture.Policy.Evaluate(reception, _now, day, PracticeFixture.BusyLedger(day.Slots)).Verdicts;
                return (verdicts.ToArray(), day.Slots.Length);
            })
            .ToArray();
    }

    [Benchmark(Description = "Find next available: GP, any clinician, 28 days")]
    public int AnyGp() => Find(_anyGp).Count;

    [Benchmark(Description = "Find next available: one nurse, afternoons, 28 days")]
    public int OneNurseAfternoons() => Find(_oneNurseAfternoons).Count;

    private List<Slot> Find(FreeSlotSearch search)
    {
        // The index's order for a range: every day's slots, then every day's suppressed would-be slots.
        var verdicts = new List<SlotVerdict>(_keptDays.Sum(d => d.Verdicts.Length));
        foreach (var (day, slotCount) in _keptDays)
        {
            verdicts.AddRange(day.Take(slotCount));
        }

        foreach (var (day, slotCount) in _keptDays)
        {
            verdicts.AddRange(day.Skip(slotCount));
        }

        return new Availability(verdicts).Verdicts
            .Where(v => v.IsOffered && search.Matches(v.Slot) && v.Slot.Start >= _now)
            .OrderBy(v => v.Slot.LocalStart).ThenBy(v => v.Slot.PractitionerId).ThenBy(v => v.Slot.Id.Value, StringComparer.Ordinal)
            .Take(ListedSlots)
            .Select(v => v.Slot)
            .ToList();
    }
}
