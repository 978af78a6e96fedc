using Booking.Core.Release;
using Booking.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Release;

/// <summary>
/// <see cref="ReleasePolicy.NextChangeAfter"/> is what lets the availability index keep a judgement: every verdict judged
/// at an instant must stand at any later instant before the one it names, for random rules, bookings and instants.
/// </summary>
public class NextChangePropertyTests
{
    private static readonly Caller[] Callers =
    [
        new(Channel.Reception), new(Channel.Online), new(Nhs111), new(Channel.Online, Patient), new(Nhs111, OtherPatient),
    ];

    // Two days of two sessions: service 1 in the mornings, service 2 in the afternoons.
    private static readonly List<Slot> Slots =
    [
        .. Session(Monday, 9, 6, template: 1, service: 1),
        .. Session(Monday, 14, 4, template: 2, service: 2),
        .. Session(Monday.PlusDays(1), 9, 6, template: 1, service: 1),
        .. Session(Monday.PlusDays(1), 14, 4, template: 2, service: 2),
    ];

    private static readonly ReleaseTime[] Embargoes =
    [
        ReleaseTime.OnTheDayAt(new LocalTime(8, 0)), ReleaseTime.DaysBefore(1, new LocalTime(18, 30)),
        ReleaseTime.BeforeStart(Duration.FromHours(2)), ReleaseTime.BeforeStart(Duration.FromMinutes(25)),
    ];

    private static readonly Gen<ReleaseTerms> Terms =
        from embargo in Gen.Elements(Embargoes.Cast<ReleaseTime?>().Append(null).ToArray())
        from window in Gen.Elements<int?>(null, 0, 1)
        from notice in Gen.Elements<Duration?>(null, Duration.FromMinutes(30), Duration.FromHours(3))
        select new ReleaseTerms(embargo, window, notice);

    private static Gen<ReleaseRule> Rule(int id, int service) =>
        from defaults in Terms
        from onlineOverride in Gen.Elements(false, true)
        from overrides in Terms
        from handBack in Gen.Elements<HandBack?>(
            null, new HandBack(Duration.FromHours(1), ChannelSelector.Reception), new HandBack(Duration.FromMinutes(45), ChannelSelector.Online))
        from channels in Gen.Elements(
            new[] { ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector },
            new[] { Nhs111Selector },
            new[] { ChannelSelector.Online })
        select new ReleaseRule(
            id,
            ReleaseScope.ForService(service),
            EffectivePeriod.Always,
            channels.Select(c => new ChannelRelease(c, onlineOverride && c == ChannelSelector.Online ? overrides : null)).ToList(),
            defaults,
            handBack);

    private static readonly Gen<Case> Cases =
        from first in Rule(1, 1)
        from second in Rule(2, 2)
        from onlyOne in Gen.Elements(false, true)
        from capped in Gen.Elements(false, true)
        from booked in Gen.Choose(0, Slots.Count - 1).ArrayOf()
        from minutesAfterSix in Gen.Choose(0, 40 * 60)
        from caller in Gen.Elements(Callers)
        select new Case(
            Policy(onlyOne ? [first] : [first, second], cap: capped ? new PatientCap(1, ChannelSelector.Everyone) : null),
            booked.Distinct().ToArray(),
            At(Monday, 6).Plus(Duration.FromMinutes(minutesAfterSix)),
            caller);

    [Property(MaxTest = 300)]
    public Property EveryVerdict_StandsUntilTheNextChange()
    {
        return Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (test, permille) =>
        {
            var ledger = new QuotaLedger();
            foreach (var (index, i) in test.Booked.Select((b, i) => (b, i)))
            {
                ledger.Record(LedgerEntry.For(Slots[index], Channel.Online, i % 2 == 0 ? Patient : OtherPatient));
            }

            var next = test.Policy.NextChangeAfter(test.Caller, test.Now, Slots, ledger);
            if (next <= test.Now)
            {
                return false.Label($"next {next} is not after now {test.Now}");
            }

            // Any instant strictly before the change, and the last tick before it.
            var span = next - test.Now;
            var later = test.Now + Duration.FromNanoseconds((long)((span.TotalNanoseconds - 1) * permille / 1000.0));
            var before = Judge(test, test.Now, ledger);
            var changed = Changed(before, Judge(test, later, ledger)) ?? Changed(before, Judge(test, next - Duration.Epsilon, ledger));
            return (changed is null).Label($"a verdict changed before {next} (judged at {test.Now}, checked up to {later}): {changed}");
        });
    }

    [Property(MaxTest = 200)]
    public Property NextChange_IsNeverLaterThanTheNextMidnight()
    {
        return Prop.ForAll(Cases.ToArbitrary(), test =>
        {
            var midnight = London.AtStartOfDay(test.Now.InZone(London).Date.PlusDays(1)).ToInstant();
            return test.Policy.NextChangeAfter(test.Caller, test.Now, Slots, new QuotaLedger()) <= midnight;
        });
    }

    private static IReadOnlyList<SlotVerdict> Judge(Case test, Instant now, QuotaLedger ledger) =>
        test.Policy.Evaluate(test.Caller, now, Slots, ledger).Verdicts;

    /// <summary>The first slot whose reasons differ, described; null when every verdict is the same.</summary>
    private static string? Changed(IReadOnlyList<SlotVerdict> before, IReadOnlyList<SlotVerdict> after) =>
        before.Zip(after)
            .Where(pair => !pair.First.Reasons.SequenceEqual(pair.Second.Reasons))
            .Select(pair => $"{pair.First.Slot.Id}: [{string.Join(", ", pair.First.Reasons)}] became [{string.Join(", ", pair.Second.Reasons)}]")
            .FirstOrDefault();

    public sealed record Case(ReleasePolicy Policy, int[] Booked, Instant Now, Caller Caller)
    {
        public override string ToString() =>
            $"now {Now}, caller {Caller}, booked [{string.Join(", ", Booked)}], rules {string.Join("; ", Policy.Rules)}";
    }
}
