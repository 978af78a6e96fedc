using BenchmarkDotNet.Attributes;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Benchmarks.Scheduling;

/// <summary>Slot generation for <see cref="PracticeFixture"/>: a year (the target is well under 100 ms on one core), a week, a day.</summary>
[MemoryDiagnoser]
public class SlotGenerationBenchmarks
{
    private static readonly DateInterval Week = new(new LocalDate(2026, 3, 23), new LocalDate(2026, 3, 29));
    private static readonly DateInterval Day = new(new LocalDate(2026, 3, 30), new LocalDate(2026, 3, 30));

    [Benchmark(Description = "Generate: 1 year, 30 clinicians")]
    public SlotGeneration Year() => SlotGenerator.Generate(PracticeFixture.Rota, PracticeFixture.Year);

    [Benchmark(Description = "Generate: 1 week")]
    public SlotGeneration OneWeek() => SlotGenerator.Generate(PracticeFixture.Rota, Week);

    [Benchmark(Description = "Generate: 1 day")]
    public SlotGeneration OneDay() => SlotGenerator.Generate(PracticeFixture.Rota, Day);

    [Benchmark(Description = "Validate rota: 1 year")]
    public int ValidateYear() => PracticeFixture.Rota.Validate(PracticeFixture.Year).Length;
}
