using BenchmarkDotNet.Attributes;
using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Benchmarks.Release;

/// <summary>
/// The NHS 111 slot search: which of 14 days of <see cref="PracticeFixture"/> slots 111 may book now, with the
/// rules, quotas and ledger of a busy practice (9,000 patients, 60% of slots already booked across channels).
/// The window includes Easter 2026, so it also carries suppressed bank-holiday slots.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    private const int GpService = 1;
    private const int NurseService = 2;

    private static readonly DateInterval Fortnight = new(new LocalDate(2026, 3, 30), new LocalDate(2026, 4, 12));
    private static readonly Channel Nhs111 = Channel.ForOrganisation(OdsCode.Parse("NHS111"), "urgent-care");
    private static readonly ChannelSelector Nhs111Selector = ChannelSelector.OrganisationType("urgent-care", "111");

    private ReleasePolicy _policy = null!;
    private SlotGeneration _generation = null!;
    private QuotaLedger _ledger = null!;
    private Caller _caller = null!;
    private Instant _now;

    [GlobalSetup]
    public void Setup()
    {
        var zone = PracticeFixture.Rota.Zone;
        var everyone = new[] { ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector };
        ReleaseRule Rule(int id, int service) => new(
            id,
            ReleaseScope.ForService(service),
            EffectivePeriod.Always,
            everyone.Select(c => new ChannelRelease(c)).ToList(),
            new ReleaseTerms(ReleaseTime.DaysBefore(2, new LocalTime(8, 0)), BookingWindowDays: 14, MinimumNotice: Duration.FromHours(1)),
            new HandBack(Duration.FromHours(1), ChannelSelector.Reception));
        _policy = new ReleasePolicy(
            zone,
            [Rule(1, GpService), Rule(2, NurseService)],
            [
                Nhs111Allocation.DailyQuota(1, Nhs111Selector, 9_000),
                new Quota(2, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(40)) { ServiceId = GpService },
                new Quota(3, ChannelSelector.Online, QuotaPeriod.Session, QuotaLimit.Count(4)),
            ],
            new PatientCap(2, ChannelSelector.Everyone));

        _generation = SlotGenerator.Generate(PracticeFixture.Rota, Fortnight);

        // Deterministic ledger: 60% of slots booked, mostly by reception, some online and by 111, by 5,000 patients.
        var random = new Random(42);
        var channels = new[] { Channel.Reception, Channel.Reception, Channel.Reception, Channel.Online, Nhs111 };
        _ledger = new QuotaLedger();
        foreach (var slot in _generation.Slots)
        {
            if (random.NextDouble() < 0.6)
            {
                _ledger.Record(LedgerEntry.For(slot, channels[random.Next(channels.Length)], Patient(random.Next(5_000))));
            }
        }

        _caller = new Caller(Nhs111, Patient(9_999));
        _now = new LocalDateTime(2026, 3, 30, 10, 0).InZoneStrictly(zone).ToInstant();
    }

    [Benchmark(Description = "111 availability: 14 days, 30 clinicians")]
    public int Evaluate() => _policy.Evaluate(_caller, _now, _generation.Slots, _ledger).Offered.Count;

    [Benchmark(Description = "111 availability with why-not for suppressed slots: 14 days")]
    public int EvaluateWithSuppressed() => _policy.Evaluate(_caller, _now, _generation, _ledger).Offered.Count;

    [Benchmark(Description = "Generate 14 days + 111 availability")]
    public int GenerateAndEvaluate() =>
        _policy.Evaluate(_caller, _now, SlotGenerator.Generate(PracticeFixture.Rota, Fortnight), _ledger).Offered.Count;

    /// <summary>A valid NHS number derived from <paramref name="n"/> (the first nine digits that have a check digit).</summary>
    private static NhsNumber Patient(int n)
    {
        for (var prefix = 100_000_000 + (n * 10); ; prefix++)
        {
            var digits = prefix.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(digits) is { } check)
            {
                return NhsNumber.Parse(digits + check);
            }
        }
    }
}
