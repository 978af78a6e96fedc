using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// The practice's release configuration (rule and quota versions, patient cap, unbookable services, time zone)
/// and the single place that decides whether a caller may book a slot at an instant.
/// Pure: the answer depends only on the arguments, so every channel asking at the same instant sees the same
/// release (fair release) and a past decision can be replayed.
/// </summary>
public sealed class ReleasePolicy
{
    private readonly Dictionary<SlotId, List<ReleaseRule>> _slotRules = [];
    private readonly Dictionary<SessionSource, List<ReleaseRule>> _sessionRules = [];
    private readonly Dictionary<int, List<ReleaseRule>> _serviceRules = [];
    private readonly HashSet<int> _unbookableServices;

    /// <summary>Builds the policy.</summary>
    /// <param name="zone">The practice time zone (Europe/London); local release times and "today" use it.</param>
    /// <param name="rules">Every version of every release rule; versions are chosen per slot date.</param>
    /// <param name="quotas">Every quota version.</param>
    /// <param name="patientCap">Optional per-patient cap on future bookings.</param>
    /// <param name="unbookableServiceIds">Services never offered (breaks, admin), whatever the rules say.</param>
    /// <param name="pauses">Channels the practice has paused for some days, whatever the rules say.</param>
    public ReleasePolicy(
        DateTimeZone zone,
        IEnumerable<ReleaseRule> rules,
        IEnumerable<Quota> quotas,
        PatientCap? patientCap = null,
        IEnumerable<int>? unbookableServiceIds = null,
        IEnumerable<ChannelPause>? pauses = null)
    {
        Zone = zone;
        Rules = rules.ToList();
        Quotas = quotas.ToList();
        PatientCap = patientCap;
        Pauses = pauses?.ToList() ?? [];
        _unbookableServices = [.. unbookableServiceIds ?? []];
        foreach (var rule in Rules)
        {
            switch (rule.Scope.Level)
            {
                case ReleaseLevel.Slot:
                    Versions(_slotRules, rule.Scope.Slot!.Value).Add(rule);
                    break;
                case ReleaseLevel.Session:
                    Versions(_sessionRules, rule.Scope.Session!.Value).Add(rule);
                    break;
                default:
                    Versions(_serviceRules, rule.Scope.ServiceId!.Value).Add(rule);
                    break;
            }
        }
    }

    /// <summary>The practice time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Every release rule version.</summary>
    public IReadOnlyList<ReleaseRule> Rules { get; }

    /// <summary>Every quota version.</summary>
    public IReadOnlyList<Quota> Quotas { get; }

    /// <summary>The per-patient cap, if any.</summary>
    public PatientCap? PatientCap { get; }

    /// <summary>The channel pauses in force or to come.</summary>
    public IReadOnlyList<ChannelPause> Pauses { get; }

    /// <summary>Whether slots of <paramref name="serviceId"/> may be booked at all.</summary>
    public bool IsBookable(int serviceId) => !_unbookableServices.Contains(serviceId);

    /// <summary>
    /// The rule governing <paramref name="slot"/>: the most specific level with a version in force on the slot's
    /// date (slot, then session, then service); within a level the latest effective-from, then the highest id.
    /// Null when no rule governs it (then only reception may book, without embargo).
    /// </summary>
    public ReleaseRule? RuleFor(Slot slot) =>
        Newest(_slotRules, slot.Id, slot)
        ?? Newest(_sessionRules, slot.Session.Source, slot)
        ?? Newest(_serviceRules, slot.ServiceId, slot);

    /// <summary>
    /// Whether <paramref name="channel"/> may ever book <paramref name="slot"/> under these rules: the service is
    /// bookable and the governing rule lists the channel or hands the slot back to it (no rule: reception only).
    /// Ignores time (embargo, window, notice), quotas and existing bookings; the what-if preview counts with it.
    /// </summary>
    public bool IsReleasedTo(Channel channel, Slot slot)
    {
        if (!IsBookable(slot.ServiceId))
        {
            return false;
        }

        var rule = RuleFor(slot);
        return rule is null
            ? channel.Kind == ChannelKind.Reception
            : rule.TermsFor(channel) is not null || rule.HandBack?.To.Matches(channel) == true;
    }

    /// <summary>
    /// Which of <paramref name="slots"/> <paramref name="caller"/> may book at <paramref name="now"/>, and why each
    /// other one is withheld.
    /// </summary>
    /// <param name="caller">Who is asking.</param>
    /// <param name="now">The instant of the question (from the injected clock).</param>
    /// <param name="slots">The slots to judge. Share quotas are sized from these, so pass whole days.</param>
    /// <param name="ledger">Current active bookings.</param>
    public Availability Evaluate(Caller caller, Instant now, IReadOnlyCollection<Slot> slots, QuotaLedger ledger)
    {
        var judge = new Judgement(this, caller, now, slots, ledger);
        var verdicts = new List<SlotVerdict>(slots.Count);
        foreach (var slot in slots)
        {
            verdicts.Add(new SlotVerdict(slot, judge.ReasonsFor(slot)));
        }

        return new Availability(verdicts);
    }

    /// <summary>
    /// As <see cref="Evaluate(Caller, Instant, IReadOnlyCollection{Slot}, QuotaLedger)"/> over a generated range, also
    /// explaining the would-be slots the scheduler suppressed (bank holiday, closure, leave), so that
    /// <see cref="Availability.ReasonsFor"/> answers for every slot id the rota knows in the range.
    /// </summary>
    /// <param name="caller">Who is asking.</param>
    /// <param name="now">The instant of the question.</param>
    /// <param name="generation">The scheduler's output for whole days.</param>
    /// <param name="ledger">Current active bookings.</param>
    /// <param name="practitionerName">Display names for "Dr Patel on leave"; optional.</param>
    public Availability Evaluate(
        Caller caller, Instant now, SlotGeneration generation, QuotaLedger ledger, Func<int, string?>? practitionerName = null)
    {
        var slots = generation.Slots;
        var judge = new Judgement(this, caller, now, slots, ledger);
        var verdicts = new List<SlotVerdict>(slots.Length + generation.Suppressed.Length);
        foreach (var slot in slots)
        {
            verdicts.Add(new SlotVerdict(slot, judge.ReasonsFor(slot)));
        }

        foreach (var suppressed in generation.Suppressed)
        {
            verdicts.Add(new SlotVerdict(suppressed.Slot, [NotScheduled.For(suppressed, practitionerName)]));
        }

        return new Availability(verdicts);
    }

    /// <summary>
    /// Why <paramref name="caller"/> may not book <paramref name="slot"/> at <paramref name="now"/>; empty when it may.
    /// </summary>
    /// <param name="caller">Who is asking.</param>
    /// <param name="now">The instant of the question.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="slotsInScope">All slots on the slot's date (sizes share quotas); the slot itself is enough when no share quota applies.</param>
    /// <param name="ledger">Current active bookings.</param>
    public IReadOnlyList<WithheldReason> WhyNot(
        Caller caller, Instant now, Slot slot, IReadOnlyCollection<Slot> slotsInScope, QuotaLedger ledger) =>
        new Judgement(this, caller, now, slotsInScope, ledger).ReasonsFor(slot);

    /// <summary>
    /// The first instant after <paramref name="now"/> at which time alone could change a verdict on
    /// <paramref name="slots"/> for <paramref name="caller"/>: a slot starting, an embargo lifting, a hand-back falling
    /// due, minimum notice running out, the practice's midnight (the booking window counts days from today) or, for a
    /// capped patient, one of their booked slots starting. Until then, with the same rota, rules and bookings, every
    /// verdict judged at <paramref name="now"/> stands, so a judgement can be kept and reused up to that instant.
    /// </summary>
    /// <param name="caller">Who is asking.</param>
    /// <param name="now">The instant the verdicts were judged.</param>
    /// <param name="slots">The slots judged.</param>
    /// <param name="ledger">The bookings they were judged against (the patient's future bookings count for the cap).</param>
    public Instant NextChangeAfter(Caller caller, Instant now, IEnumerable<Slot> slots, QuotaLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(ledger);
        var next = Zone.AtStartOfDay(now.InZone(Zone).Date.PlusDays(1)).ToInstant();
        void Consider(Instant candidate)
        {
            if (candidate > now && candidate < next)
            {
                next = candidate;
            }
        }

        foreach (var slot in slots)
        {
            Consider(slot.Start);
            if (RuleFor(slot) is not { } rule)
            {
                continue;
            }

            if (rule.HandBack is { } handBack && handBack.To.Matches(caller.Channel))
            {
                Consider(handBack.At(slot));
            }

            if (rule.TermsFor(caller.Channel) is { } terms)
            {
                if (terms.Embargo is { } embargo)
                {
                    Consider(embargo.OpensAt(slot.Date, slot.Start, Zone));
                }

                if (terms.MinimumNotice is { } notice)
                {
                    // Exactly the notice before the start still meets it: the verdict changes one tick later.
                    Consider(slot.Start - notice + Duration.Epsilon);
                }
            }
        }

        if (caller.Patient is { } patient && PatientCap is { } cap && cap.AppliesTo.Matches(caller.Channel))
        {
            foreach (var booking in ledger.BookingsOf(patient))
            {
                Consider(booking.SlotStart);
            }
        }

        return next;
    }

    private static ReleaseRule? Newest<TKey>(Dictionary<TKey, List<ReleaseRule>> index, TKey key, Slot slot)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var versions))
        {
            return null;
        }

        ReleaseRule? best = null;
        foreach (var rule in versions)
        {
            if (rule.Governs(slot)
                && (best is null
                    || rule.Period.From > best.Period.From
                    || (rule.Period.From == best.Period.From && rule.Id > best.Id)))
            {
                best = rule;
            }
        }

        return best;
    }

    private static List<ReleaseRule> Versions<TKey>(Dictionary<TKey, List<ReleaseRule>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }

    /// <summary>One question (caller, instant, slot set, ledger) with its per-bucket sums cached.</summary>
    private sealed class Judgement(ReleasePolicy policy, Caller caller, Instant now, IReadOnlyCollection<Slot> scope, QuotaLedger ledger)
    {
        private readonly LocalDate _today = now.InZone(policy.Zone).Date;
        private readonly Dictionary<QuotaBucket, (int Used, int Cap)> _buckets = [];
        private readonly List<Quota> _callerQuotas = policy.Quotas.Where(q => q.Channel.Matches(caller.Channel)).ToList();
        private readonly List<ChannelPause> _callerPauses = policy.Pauses.Where(p => p.Selector.Matches(caller.Channel)).ToList();
        private Dictionary<LocalDate, List<Slot>>? _scopeByDate;

        // The patient's future bookings do not depend on the slot: counted once per question. Holds the cap when reached.
        private readonly int? _patientAtCap =
            policy.PatientCap is { } patientCap
            && caller.Patient is { } patient
            && patientCap.AppliesTo.Matches(caller.Channel)
            && ledger.FutureBookingsOf(patient, now) >= patientCap.MaxFutureBookings
                ? patientCap.MaxFutureBookings
                : null;

        public IReadOnlyList<WithheldReason> ReasonsFor(Slot slot)
        {
            List<WithheldReason>? reasons = null;
            void Add(WithheldReason reason) => (reasons ??= []).Add(reason);

            if (!policy.IsBookable(slot.ServiceId))
            {
                Add(new ServiceNotBookable(slot.ServiceId));
            }

            var started = now >= slot.Start;
            if (started)
            {
                Add(new SlotStarted());
            }

            if (ledger.IsBooked(slot.Id))
            {
                Add(new SlotAlreadyBooked());
            }

            var terms = TermsFor(slot, Add);
            if (terms is not null && !started)
            {
                CheckTerms(slot, terms, Add);
            }

            foreach (var quota in _callerQuotas)
            {
                if (quota.Governs(slot))
                {
                    var bucket = quota.BucketOf(slot);
                    var (used, cap) = Fill(quota, bucket);
                    if (used >= cap)
                    {
                        Add(new QuotaUsed(quota, bucket, cap));
                    }
                }
            }

            foreach (var pause in _callerPauses)
            {
                if (pause.Dates.Contains(slot.Date))
                {
                    Add(new ChannelPaused(pause));
                }
            }

            if (_patientAtCap is { } maxFutureBookings)
            {
                Add(new PatientCapReached(maxFutureBookings));
            }

            return reasons ?? (IReadOnlyList<WithheldReason>)[];
        }

        /// <summary>The caller's terms for the slot, or null after adding why the channel may not book it.</summary>
        private ReleaseTerms? TermsFor(Slot slot, Action<WithheldReason> add)
        {
            var rule = policy.RuleFor(slot);
            if (rule is null)
            {
                // No rule: the practice has not released the slot beyond its own desk.
                if (caller.Channel.Kind == ChannelKind.Reception)
                {
                    return ReleaseTerms.Open;
                }

                add(new NotReleasedToChannel());
                return null;
            }

            var terms = rule.TermsFor(caller.Channel);
            if (rule.HandBack is { } handBack && handBack.To.Matches(caller.Channel))
            {
                var handBackAt = handBack.At(slot);
                if (now >= handBackAt)
                {
                    return ReleaseTerms.Open;
                }

                if (terms is null)
                {
                    var heldFor = string.Join(", ", rule.Channels.Select(c => c.Channel.Name));
                    add(new HeldForOtherChannel(heldFor, handBackAt, handBackAt.InZone(policy.Zone).LocalDateTime, _today));
                    return null;
                }
            }

            if (terms is null)
            {
                add(new NotReleasedToChannel());
            }

            return terms;
        }

        private void CheckTerms(Slot slot, ReleaseTerms terms, Action<WithheldReason> add)
        {
            if (terms.Embargo is { } embargo)
            {
                var opensAt = embargo.OpensAt(slot.Date, slot.Start, policy.Zone);
                if (now < opensAt)
                {
                    add(new Embargoed(opensAt, opensAt.InZone(policy.Zone).LocalDateTime, _today));
                }
            }

            if (terms.BookingWindowDays is { } windowDays && slot.Date > _today.PlusDays(windowDays))
            {
                add(new BeyondBookingWindow(windowDays));
            }

            if (terms.MinimumNotice is { } notice && slot.Start - now < notice)
            {
                add(new MinimumNoticeNotMet(notice));
            }
        }

        private (int Used, int Cap) Fill(Quota quota, QuotaBucket bucket)
        {
            if (!_buckets.TryGetValue(bucket, out var fill))
            {
                fill = (ledger.UsedIn(quota, bucket), quota.Limit.CapFor(BookableSlotsIn(quota, bucket)));
                _buckets[bucket] = fill;
            }

            return fill;
        }

        private int BookableSlotsIn(Quota quota, QuotaBucket bucket)
        {
            if (quota.Limit is CountLimit)
            {
                return 0; // a count does not depend on the slot total
            }

            _scopeByDate ??= scope.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.ToList());
            if (!_scopeByDate.TryGetValue(bucket.Date, out var onDate))
            {
                return 0;
            }

            return onDate.Count(s =>
                (bucket.Session is null || s.Session == bucket.Session)
                && quota.Governs(s)
                && policy.IsBookable(s.ServiceId));
        }
    }
}

/// <summary>The verdict on one slot for one caller at one instant.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Reasons">Why it is withheld; empty when offered.</param>
public sealed record SlotVerdict(Slot Slot, IReadOnlyList<WithheldReason> Reasons)
{
    /// <summary>Whether the caller may book the slot now.</summary>
    public bool IsOffered => Reasons.Count == 0;
}

/// <summary>
/// The answer to "what may this caller book now": the offered slots, and for every other slot its reasons.
/// Invariant: a slot is in <see cref="Offered"/> exactly when its reasons are empty.
/// </summary>
public sealed class Availability
{
    private readonly Lazy<Dictionary<SlotId, SlotVerdict>> _byId;

    /// <summary>
    /// The availability made of <paramref name="verdicts"/>, each judged by <see cref="ReleasePolicy.Evaluate(Caller, Instant, SlotGeneration, QuotaLedger, Func{int, string?}?)"/>
    /// (several days' verdicts may be put together: a day's verdicts do not depend on another day's).
    /// </summary>
    /// <param name="verdicts">One verdict per slot id.</param>
    public Availability(IReadOnlyList<SlotVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        Verdicts = verdicts;
        Offered = verdicts.Where(v => v.IsOffered).Select(v => v.Slot).ToList();

        // Built on first use: a search that only wants the offered slots never pays for it.
        _byId = new(() => verdicts.ToDictionary(v => v.Slot.Id));
    }

    /// <summary>Every slot judged, in the order given.</summary>
    public IReadOnlyList<SlotVerdict> Verdicts { get; }

    /// <summary>The slots the caller may book now, in the order given.</summary>
    public IReadOnlyList<Slot> Offered { get; }

    /// <summary>Why <paramref name="slotId"/> is withheld; empty when offered; null when it was not judged.</summary>
    public IReadOnlyList<WithheldReason>? ReasonsFor(SlotId slotId) => _byId.Value.GetValueOrDefault(slotId)?.Reasons;
}
