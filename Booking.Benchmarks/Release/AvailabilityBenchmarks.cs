using BenchmarkDotNet.Attributes;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Benchmarks.Release;

/// <summary>
/// The NHS 111 slot search: which of 14 days of <see cref="PracticeFixture"/> slots 111 may book now, with the
/// rules, quotas and ledger of a busy practice (<see cref="PracticeFixture.Policy"/>, <see cref="PracticeFixture.BusyLedger"/>).
/// The window includes Easter 2026, so it also carries suppressed bank-holiday slots.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    private static readonly DateInterval Fortnight = new(new LocalDate(2026, 3, 30), new LocalDate(2026, 4, 12));

    private ReleasePolicy _policy = null!;
    private SlotGeneration _generation = null!;
    private QuotaLedger _ledger = null!;
    private Caller _caller = null!;
    private Instant _now;

    [GlobalSetup]
    public void Setup()
    {
        var zone = PracticeFixture.Rota.Zone;
        _policy = PracticeFixture.Policy;
        _generation = SlotGenerator.Generate(PracticeFixture.Rota, Fortnight);

        _ledger = PracticeFixture.BusyLedger(_generation.Slots);
        _caller = new Caller(PracticeFixture.Nhs111, PracticeFixture.Patient(9_999));
        _now = new LocalDateTime(2026, 3, 30, 10, 0).InZoneStrictly(zone).ToInstant();
    }

    [Benchmark(Description = "111 availability: 14 days, 30 clinicians")]
    public int Evaluate() => _policy.Evaluate(_caller, _now, _generation.Slots, _ledger).Offered.Count;

    [Benchmark(Description = "111 availability with why-not for suppressed slots: 14 days")]
    public int EvaluateWithSuppressed() => _policy.Evaluate(_caller, _now, _generation, _ledger).Offered.Count;

    [Benchmark(Description = "Generate 14 days + 111 availability")]
    public int GenerateAndEvaluate() =>
        _policy.Evaluate(_caller, _now, SlotGenerator.Generate(PracticeFixture.Rota, Fortnight), _ledger).Offered.Count;
}
