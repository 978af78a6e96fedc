using System.Collections.Concurrent;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>The offered slots of a range of days for one channel, each day in start order, and the configuration judged with.</summary>
/// <param name="Configuration">The practice configuration the slots come from; null when no practice is set up.</param>
/// <param name="Days">Each day's offered slots, by start then id (ordinal); days in date order.</param>
public sealed record OfferedSlots(PracticeConfiguration? Configuration, IReadOnlyList<OfferedDay> Days)
{
    /// <summary>Every offered slot of the range, by start then id.</summary>
    public IEnumerable<Slot> InStartOrder => Days.SelectMany(day => day.ByStart);
}

/// <summary>One day's offered slots for one channel, by start then id (ordinal).</summary>
/// <param name="ByStart">The slots, by start then id; never changed once judged.</param>
/// <param name="LatestEnd">The latest end of any of them (ends are not in start order when lengths differ); null when none.</param>
public sealed record OfferedDay(IReadOnlyList<Slot> ByStart, Instant? LatestEnd);

/// <summary>
/// What every door reads availability from (docs/decisions/0008-availability-index.md): the slots the rota generates
/// and their verdicts per channel, kept in memory per day, so a search, the book or find next available reads judged
/// days instead of generating and judging them again. Exactly the answer of
/// <see cref="BookingQueries.GetAvailabilityAsync"/> at the same instant (a property test compares them):
/// <list type="bullet">
/// <item>a day's bookings are dropped when a change notice names the day, and a day loaded while a change committed is
/// never used by a reader who asked after it (<see cref="SharedLoad{T}"/>);</item>
/// <item>everything is dropped when the configuration changes, or the practice's date does;</item>
/// <item>a judgement is kept only until <see cref="ReleasePolicy.NextChangeAfter"/>: the next slot start, embargo, hand-back,
/// notice edge or midnight;</item>
/// <item>writers in another process (a second instance, an operator command) are heard through
/// <see cref="Instances.ChangeNoticeRelay"/>, which publishes their notices on the same feeds a fraction of a second
/// after they commit.</item>
/// </list>
/// Days more than <see cref="PastDaysKept"/> before today or <see cref="BookingQueries.MaxRangeDays"/> after it are judged on
/// demand and not kept. A caller with a patient (the per-patient cap) is always judged on demand. Bookings are still
/// decided inside the write transaction (<see cref="BookingService"/>): a stale read could only offer a slot that the
/// booking then refuses. Register as a singleton.
/// </summary>
public sealed class AvailabilityIndex
{
    /// <summary>How many past days are kept (the book is opened on recent days too).</summary>
    public const int PastDaysKept = 7;

    private readonly IDbContextFactory<BookingDbContext> _dbFactory;
    private readonly PracticeConfigurationProvider _configuration;
    private readonly BookingQueries _queries;
    private readonly IClock _clock;
    private readonly SharedLoad<Snapshot> _snapshot = new();
    private readonly ConcurrentDictionary<LocalDate, long> _dayChanges = new();
    private long _configurationChanges;

    public AvailabilityIndex(
        IDbContextFactory<BookingDbContext> dbFactory,
        PracticeConfigurationProvider configuration,
        BookingQueries queries,
        AppointmentChangeFeed appointments,
        ConfigurationChangeFeed configurationChanges,
        IClock clock)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(configurationChanges);
        _dbFactory = dbFactory;
        _configuration = configuration;
        _queries = queries;
        _clock = clock;

        // Singletons for the process's life: the subscriptions end with it. Called on the writer's thread after commit.
        appointments.Subscribe(notice =>
        {
            foreach (var date in notice.Dates)
            {
                _dayChanges.AddOrUpdate(date, 1, (_, changes) => changes + 1);
            }
        });
        configurationChanges.Subscribe(_ => Interlocked.Increment(ref _configurationChanges));
    }

    /// <summary>
    /// Every slot the rota produces or withholds on <paramref name="dates"/>, judged for <paramref name="caller"/> now:
    /// the same answer as <see cref="BookingQueries.GetAvailabilityAsync"/>, verdict for verdict and in the same order.
    /// </summary>
    public async Task<Availability> GetAsync(Caller caller, DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(dates);
        var snapshot = await CurrentSnapshotAsync(cancellationToken);
        if (caller.Patient is not null || snapshot.Configuration is null || dates.Length > BookingQueries.MaxRangeDays)
        {
            // The patient cap needs the patient's own bookings; no practice and too long a range are the queries' to refuse.
            return await _queries.GetAvailabilityAsync(caller, dates, cancellationToken);
        }

        var days = await JudgedDaysAsync(snapshot, caller.Channel, dates, cancellationToken);
        if (days.Count == 1)
        {
            return days[0].Availability;
        }

        // The generator's order for a range: every day's slots, then every day's suppressed would-be slots.
        var verdicts = new List<SlotVerdict>(days.Sum(d => d.Availability.Verdicts.Count));
        foreach (var day in days)
        {
            verdicts.AddRange(day.Availability.Verdicts.Take(day.SlotCount));
        }

        foreach (var day in days)
        {
            verdicts.AddRange(day.Availability.Verdicts.Skip(day.SlotCount));
        }

        return new Availability(verdicts);
    }

    /// <summary>The configuration the index judges with (no database read while it is current); null when no practice is set up.</summary>
    public async Task<PracticeConfiguration?> GetConfigurationAsync(CancellationToken cancellationToken = default) =>
        (await CurrentSnapshotAsync(cancellationToken)).Configuration;

    /// <summary>The slots <paramref name="channel"/> may book now on <paramref name="dates"/>, each day by start then id.</summary>
    public async Task<OfferedSlots> GetOfferedAsync(Channel channel, DateInterval dates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Length > BookingQueries.MaxRangeDays)
        {
            throw new ArgumentOutOfRangeException(nameof(dates), dates, $"Ask for at most {BookingQueries.MaxRangeDays} days at a time.");
        }

        var snapshot = await CurrentSnapshotAsync(cancellationToken);
        if (snapshot.Configuration is null)
        {
            return new OfferedSlots(null, []);
        }

        var days = await JudgedDaysAsync(snapshot, channel, dates, cancellationToken);
        return new OfferedSlots(snapshot.Configuration, days.Select(d => d.Offered).ToList());
    }

    private async Task<List<Judged>> JudgedDaysAsync(Snapshot snapshot, Channel channel, DateInterval dates, CancellationToken cancellationToken)
    {
        var config = snapshot.Configuration!;
        var today = config.LoadedFor;
        var kept = new DateInterval(today.PlusDays(-PastDaysKept), today.PlusDays(BookingQueries.MaxRangeDays));
        var judged = new List<Judged>(dates.Length);
        foreach (var date in dates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!kept.Contains(date))
            {
                judged.Add(Judge(config, await LoadDayAsync(config, date, CancellationToken.None), channel));
                continue;
            }

            var day = await snapshot.Days.GetOrAdd(date, _ => new SharedLoad<Day>())
                .GetAsync(IsCurrent, () => LoadDayAsync(config, date, CancellationToken.None))
                .WaitAsync(cancellationToken);
            judged.Add(day.JudgedFor(channel, _clock, now => Judge(config, day, channel, now)));
        }

        return judged;
    }

    private Judged Judge(PracticeConfiguration config, Day day, Channel channel) => Judge(config, day, channel, _clock.GetCurrentInstant());

    private static Judged Judge(PracticeConfiguration config, Day day, Channel channel, Instant now)
    {
        var caller = new Caller(channel);
        var ledger = new QuotaLedger();
        foreach (var entry in day.Bookings)
        {
            ledger.Record(entry);
        }

        var availability = config.Policy.Evaluate(caller, now, day.Generation, ledger, config.PractitionerName);
        var offered = availability.Offered.ToArray();
        Array.Sort(offered, (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Id.Value, b.Id.Value));
        Instant? latestEnd = offered.Length == 0 ? null : offered.Max(slot => slot.End);
        return new Judged(
            availability, day.Generation.Slots.Length, new OfferedDay(offered, latestEnd), now, config.Policy.NextChangeAfter(caller, now, day.Generation.Slots, ledger));
    }

    private async Task<Day> LoadDayAsync(PracticeConfiguration config, LocalDate date, CancellationToken cancellationToken)
    {
        // Counted before reading, so a change committing during the read leaves this day stale, never current.
        var changes = _dayChanges.GetValueOrDefault(date);
        var dates = new DateInterval(date, date);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var ledger = await AppointmentReads.LoadLedgerAsync(db, [dates], null, _clock.GetCurrentInstant(), cancellationToken);
        return new Day(SlotGenerator.Generate(config.Rota, dates), ledger.Entries.ToArray(), changes);
    }

    private bool IsCurrent(Day day) =>
        day.Changes == _dayChanges.GetValueOrDefault(day.Generation.Dates.Start);

    private async Task<Snapshot> CurrentSnapshotAsync(CancellationToken cancellationToken)
    {
        return await _snapshot.GetAsync(IsCurrent, LoadSnapshotAsync).WaitAsync(cancellationToken);
    }

    private bool IsCurrent(Snapshot snapshot) =>
        snapshot.ConfigurationChanges == Volatile.Read(ref _configurationChanges)
        && (snapshot.Configuration is null || PracticeTime.Today(_clock, snapshot.Configuration.Zone) == snapshot.Configuration.LoadedFor);

    private async Task<Snapshot> LoadSnapshotAsync()
    {
        var changes = Volatile.Read(ref _configurationChanges);
        return new Snapshot(await _configuration.GetAsync(CancellationToken.None), changes);
    }

    /// <summary>One configuration version on one practice date, and the days read under it.</summary>
    private sealed record Snapshot(PracticeConfiguration? Configuration, long ConfigurationChanges)
    {
        public ConcurrentDictionary<LocalDate, SharedLoad<Day>> Days { get; } = new();
    }

    /// <summary>A day's generated slots and active bookings, and its judgements per channel until each may change.</summary>
    private sealed class Day(SlotGeneration generation, LedgerEntry[] bookings, long changes)
    {
        private readonly ConcurrentDictionary<Channel, Lazy<Judged>> _judged = new();

        public SlotGeneration Generation { get; } = generation;

        public LedgerEntry[] Bookings { get; } = bookings;

        public long Changes { get; } = changes;

        public Judged JudgedFor(Channel channel, IClock clock, Func<Instant, Judged> judge)
        {
            while (true)
            {
                var held = _judged.GetOrAdd(channel, _ => Judging(clock, judge));
                Judged judged;
                try
                {
                    judged = held.Value;
                }
                catch
                {
                    // A judgement that threw is not kept: the next reader judges again.
                    _judged.TryRemove(new KeyValuePair<Channel, Lazy<Judged>>(channel, held));
                    throw;
                }

                var now = clock.GetCurrentInstant();
                if (judged.At <= now && now < judged.Until)
                {
                    return judged;
                }

                // Time has moved past what this judgement answers for: judge again, once, for everyone asking now.
                _judged.TryUpdate(channel, Judging(clock, judge), held);
            }
        }

        private static Lazy<Judged> Judging(IClock clock, Func<Instant, Judged> judge) => new(() => judge(clock.GetCurrentInstant()));
    }

    /// <summary>One channel's verdicts on one day at <paramref name="At"/>, standing until <paramref name="Until"/>.</summary>
    private sealed record Judged(Availability Availability, int SlotCount, OfferedDay Offered, Instant At, Instant Until);
}
