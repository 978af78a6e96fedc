using System.Collections.Immutable;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// One version of an effective-dated setting (a release rule or a quota): its id, the slot dates it governs, and the
/// version it replaced. Versions linked by replacement form a series, e.g. the online quota for GP appointments as it
/// was changed over the year.
/// </summary>
/// <param name="Id">The version's id.</param>
/// <param name="Period">The slot dates it governs, both ends inclusive.</param>
/// <param name="ReplacesId">The version it replaced; null for the first of its series.</param>
public readonly record struct DatedVersion(int Id, EffectivePeriod Period, int? ReplacesId = null);

/// <summary>A version edit applied: the versions as they then stand, in effective-date order, or why not.</summary>
public sealed record VersionEditResult
{
    private VersionEditResult(ImmutableArray<DatedVersion> versions, DatedVersion? added, string? refusal)
    {
        Versions = versions;
        Added = added;
        Refusal = refusal;
    }

    /// <summary>Every version after the edit, ordered by first date then id; empty when refused.</summary>
    public ImmutableArray<DatedVersion> Versions { get; }

    /// <summary>The version the edit adds (with the new id), for adding and replacing; null for ending or a refusal.</summary>
    public DatedVersion? Added { get; }

    /// <summary>Why the edit is refused; null when it was made.</summary>
    public string? Refusal { get; }

    /// <summary>True when the edit was made.</summary>
    public bool Succeeded => Refusal is null;

    internal static VersionEditResult Made(IEnumerable<DatedVersion> versions, DatedVersion? added) =>
        new([.. versions.OrderBy(v => v.Period.From).ThenBy(v => v.Id)], added, null);

    internal static VersionEditResult Refused(string refusal) => new([], null, refusal);
}

/// <summary>
/// One edit of a series of effective-dated versions (a rule or quota and the versions that replaced it), as the what-if
/// preview and the store both apply it, so the rules live here once: a version starts from today on (past days keep
/// the settings they had) unless the system lays down history, and the versions of a series never overlap.
/// </summary>
public abstract record VersionEdit
{
    private protected VersionEdit()
    {
    }

    /// <summary>
    /// Every version of one kind (all rules, or all quotas) after the edit, or why not. <paramref name="newId"/> numbers
    /// the version it adds; staff edit from <paramref name="today"/> on, and only the system
    /// (<paramref name="laysDownHistory"/>) writes past days.
    /// </summary>
    public VersionEditResult Apply(IEnumerable<DatedVersion> versions, int newId, LocalDate today, bool laysDownHistory = false)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var all = versions.ToList();
        if (all.Select(v => v.Id).Contains(newId))
        {
            throw new ArgumentException($"Version {newId} exists already; number the new one after every stored id.", nameof(newId));
        }

        return Refusal(all, today, laysDownHistory) is { } refusal ? VersionEditResult.Refused(refusal) : Make(all, newId);
    }

    /// <summary>The versions in <paramref name="id"/>'s series: it, those it replaced, and those that replaced them.</summary>
    public static IReadOnlyList<DatedVersion> Series(IEnumerable<DatedVersion> versions, int id)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var byId = versions.ToDictionary(v => v.Id);
        var first = FirstOf(byId, id);
        return [.. byId.Values.Where(v => FirstOf(byId, v.Id) == first).OrderBy(v => v.Period.From)];
    }

    /// <summary>Why the edit cannot be made to <paramref name="versions"/>; null when it can.</summary>
    private protected abstract string? Refusal(List<DatedVersion> versions, LocalDate today, bool laysDownHistory);

    /// <summary>The versions with the edit made, once <see cref="Refusal"/> has found nothing wrong.</summary>
    private protected abstract VersionEditResult Make(List<DatedVersion> versions, int newId);

    /// <summary>The first start date a new setting accepts: today.</summary>
    public static LocalDate EarliestStart(LocalDate today) => today;

    /// <summary>
    /// The first start date a new version replacing <paramref name="replaced"/> accepts: the day after it starts (the
    /// old version keeps at least its first day), and not before today.
    /// </summary>
    public static LocalDate EarliestStart(LocalDate today, EffectivePeriod replaced) => Later(today, replaced.From.PlusDays(1));

    /// <summary>The first last date ending <paramref name="period"/> accepts: its first date, and not before today.</summary>
    public static LocalDate EarliestEnd(LocalDate today, EffectivePeriod period) => Later(today, period.From);

    private protected static string? PastStart(LocalDate from, LocalDate today, bool laysDownHistory) =>
        from < today && !laysDownHistory
            ? $"It starts on {from:yyyy-MM-dd}, which has passed: release settings change from today ({today:yyyy-MM-dd}) on, so past days keep the settings they had."
            : null;

    /// <summary>Why <paramref name="period"/> may not replace version <paramref name="id"/>'s: it would overlap another of its series.</summary>
    private protected static string? Overlap(List<DatedVersion> versions, int id, EffectivePeriod period) =>
        Series(versions, id).Where(v => v.Id != id && Overlaps(v.Period, period)).Select(v => (DatedVersion?)v).FirstOrDefault() is { } clash
            ? $"It would overlap the version in force from {clash.Period.From:yyyy-MM-dd}{(clash.Period.To is { } to ? $" to {to:yyyy-MM-dd}" : "")}; change that version instead."
            : null;

    // The first version of the series holding id: replacements are followed back to one that replaced nothing (or one
    // whose predecessor is not among the versions given).
    private static int FirstOf(Dictionary<int, DatedVersion> byId, int id)
    {
        var seen = new HashSet<int>();
        while (byId.TryGetValue(id, out var version) && version.ReplacesId is { } replaced && byId.ContainsKey(replaced) && seen.Add(id))
        {
            id = replaced;
        }

        return id;
    }

    private protected const string Gone = "That setting no longer exists; reload the page.";

    private protected static int IndexOf(List<DatedVersion> versions, int id) => versions.FindIndex(v => v.Id == id);

    private static bool Overlaps(EffectivePeriod first, EffectivePeriod second) =>
        (first.To is not { } firstTo || second.From <= firstTo) && (second.To is not { } secondTo || first.From <= secondTo);

    private static LocalDate Later(LocalDate first, LocalDate second) => first > second ? first : second;
}

/// <summary>A new setting from <paramref name="From"/>, open-ended.</summary>
public sealed record AddVersion(LocalDate From) : VersionEdit
{
    // A new setting starts a series of its own, so it overlaps nothing; it may not start in the past.
    private protected override string? Refusal(List<DatedVersion> versions, LocalDate today, bool laysDownHistory) =>
        PastStart(From, today, laysDownHistory);

    private protected override VersionEditResult Make(List<DatedVersion> versions, int newId)
    {
        var added = new DatedVersion(newId, new EffectivePeriod(From));
        return VersionEditResult.Made(versions.Append(added), added);
    }
}

/// <summary>
/// A new version replacing <paramref name="Id"/> from <paramref name="From"/> to where the old one ended; the old one
/// ends the day before, so earlier days keep it.
/// </summary>
public sealed record ReplaceVersion(int Id, LocalDate From) : VersionEdit
{
    private protected override string? Refusal(List<DatedVersion> versions, LocalDate today, bool laysDownHistory)
    {
        var at = IndexOf(versions, Id);
        if (at < 0)
        {
            return Gone;
        }

        var old = versions[at].Period;
        return From <= old.From || old.To < From
            ? $"A change must start after {old.From:yyyy-MM-dd} and while the version it replaces is in force."
            : PastStart(From, today, laysDownHistory);
    }

    private protected override VersionEditResult Make(List<DatedVersion> versions, int newId)
    {
        var at = IndexOf(versions, Id);
        var old = versions[at].Period;
        versions[at] = versions[at] with { Period = new EffectivePeriod(old.From, From.PlusDays(-1)) };
        var added = new DatedVersion(newId, new EffectivePeriod(From, old.To), Id);
        return VersionEditResult.Made(versions.Append(added), added);
    }
}

/// <summary>
/// Version <paramref name="Id"/> stops governing slots after <paramref name="LastDate"/> (inclusive), today or later;
/// it may not reach into the version that replaced it.
/// </summary>
public sealed record EndVersion(int Id, LocalDate LastDate) : VersionEdit
{
    private protected override string? Refusal(List<DatedVersion> versions, LocalDate today, bool laysDownHistory)
    {
        var at = IndexOf(versions, Id);
        if (at < 0)
        {
            return Gone;
        }

        var period = versions[at].Period;
        if (LastDate < period.From)
        {
            return $"It cannot end before it starts ({period.From:yyyy-MM-dd}).";
        }

        // Ending it before today would take it away from days that have passed (or are under way).
        return LastDate < today && !laysDownHistory
            ? $"It ends on {LastDate:yyyy-MM-dd}, which has passed: release settings change from today ({today:yyyy-MM-dd}) on, so past days keep the settings they had."
            : Overlap(versions, Id, new EffectivePeriod(period.From, LastDate));
    }

    private protected override VersionEditResult Make(List<DatedVersion> versions, int newId)
    {
        var at = IndexOf(versions, Id);
        versions[at] = versions[at] with { Period = new EffectivePeriod(versions[at].Period.From, LastDate) };
        return VersionEditResult.Made(versions, null);
    }
}
