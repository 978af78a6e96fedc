using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Release;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Release;

/// <summary>Where the release rules page is: the lists, a form, or the preview of a change.</summary>
public enum ReleaseStep { List, RuleForm, QuotaForm, EndForm, CapForm, Preview }

/// <summary>
/// The release rules page's state, out of its markup: which form is open and what it holds, the change previewed (a
/// <see cref="ReleaseChange"/> whose Core <see cref="VersionEdit"/> the preview and the store both apply), and what the
/// save said. The earliest dates a form accepts come from Core's version rules.
/// </summary>
/// <param name="queries">Reads the configuration and the appointments the preview counts.</param>
/// <param name="store">Saves the change.</param>
/// <param name="clock">The practice's today comes from it.</param>
/// <param name="actingParty">Who is signed in, as the audit records them; null when they may not change the set-up.</param>
public sealed class ReleaseRulesEditor(BookingQueries queries, ConfigurationStore store, IClock clock, Func<Task<ActingParty?>> actingParty)
{
    /// <summary>The cap's "bookings it refuses" choices: form key and channel.</summary>
    public static readonly IReadOnlyList<(string Key, ChannelSelectorSpec Channel)> CapChannels =
    [
        ("online", ChannelSelectorSpec.Online),
        ("any-organisation", ChannelSelectorSpec.AnyOrganisation),
        ("everyone", ChannelSelectorSpec.Everyone),
    ];

    private Func<LocalDate, ReleaseChange>? _endChange;
    private ReleaseStep _editStep;
    private PatientCapSpec? _capSpec;

    /// <summary>The configuration loaded; null until loaded or when no practice is set up.</summary>
    public PracticeConfiguration? Config { get; private set; }

    /// <summary>True once the configuration has been read.</summary>
    public bool Loaded { get; private set; }

    /// <summary>What the page shows.</summary>
    public ReleaseStep Step { get; private set; } = ReleaseStep.List;

    /// <summary>The open form's heading.</summary>
    public string FormTitle { get; private set; } = "";

    /// <summary>What the last save did.</summary>
    public string? Notice { get; private set; }

    /// <summary>Why the change cannot be previewed or was not saved.</summary>
    public string? Refusal { get; private set; }

    /// <summary>True while a preview is worked out or a change saved.</summary>
    public bool Busy { get; private set; }

    /// <summary>The first start date the open rule or quota form accepts, by Core's version rules.</summary>
    public LocalDate EarliestFrom { get; private set; }

    /// <summary>The version the open form changes; null when it adds one.</summary>
    public int? Changing { get; private set; }

    /// <summary>The rule form's fields, kept across the preview so going back loses nothing.</summary>
    public ReleaseRuleInput? RuleInput { get; private set; }

    /// <summary>The quota form's fields.</summary>
    public QuotaInput? QuotaInput { get; private set; }

    /// <summary>The change previewed; null for the cap, which the preview does not count.</summary>
    public ReleaseChange? Change { get; private set; }

    /// <summary>The change in words.</summary>
    public string PreviewSummary { get; private set; } = "";

    /// <summary>What a changed rule opens or closes, line by line.</summary>
    public IReadOnlyList<string> OpeningChanges { get; private set; } = [];

    /// <summary>The what-if comparison.</summary>
    public ReleasePreview? Preview { get; private set; }

    /// <summary>The first date the preview counts.</summary>
    public LocalDate PreviewFrom { get; private set; }

    /// <summary>How many weeks the preview counts, 2 to 4.</summary>
    public int Weeks { get; private set; } = 2;

    /// <summary>Set when the preview has just opened; the page moves focus to it and clears this.</summary>
    public bool FocusPreview { get; set; }

    /// <summary>What ending the version means, in words.</summary>
    public string EndSummary { get; private set; } = "";

    /// <summary>The end form's last day.</summary>
    public DateOnly? EndLast { get; set; }

    /// <summary>The problem beside the end form's last day.</summary>
    public string? EndProblem { get; private set; }

    /// <summary>The first last day the end form accepts, by Core's version rules.</summary>
    public LocalDate EndEarliest { get; private set; }

    /// <summary>The cap form's most future appointments, as typed.</summary>
    public string CapMax { get; set; } = "2";

    /// <summary>The cap form's channel key (see <see cref="CapChannels"/>).</summary>
    public string CapAppliesTo { get; set; } = "online";

    /// <summary>The cap form's first date.</summary>
    public DateOnly? CapFrom { get; set; }

    /// <summary>The cap form's problems by field id.</summary>
    public IReadOnlyDictionary<string, string> CapProblems { get; private set; } = new Dictionary<string, string>();

    /// <summary>The practice's today.</summary>
    public LocalDate Today => PracticeTime.Today(clock);

    /// <summary>Rule versions in force today or later, by scope then date.</summary>
    public IReadOnlyList<ReleaseRuleVersion> LiveRules =>
        [.. Config!.RuleVersions.Where(v => v.EffectiveTo is null || v.EffectiveTo >= Today).OrderBy(v => v.Spec.Scope.Level).ThenBy(v => v.Spec.Scope.ServiceId).ThenBy(v => v.EffectiveFrom)];

    /// <summary>Quota versions in force today or later, by service then date.</summary>
    public IReadOnlyList<QuotaVersion> LiveQuotas =>
        [.. Config!.QuotaVersions.Where(v => v.EffectiveTo is null || v.EffectiveTo >= Today).OrderBy(v => v.Spec.ServiceId).ThenBy(v => v.EffectiveFrom)];

    /// <summary>Rules ended for good: not replaced by a later version (those show as the later version's history).</summary>
    public IReadOnlyList<ReleaseRuleVersion> EndedRules =>
        [.. Config!.RuleVersions.Where(v => v.EffectiveTo < Today && Config.RuleVersions.All(o => o.ReplacesId != v.Id))];

    /// <summary>Quotas ended for good.</summary>
    public IReadOnlyList<QuotaVersion> EndedQuotas =>
        [.. Config!.QuotaVersions.Where(v => v.EffectiveTo < Today && Config.QuotaVersions.All(o => o.ReplacesId != v.Id))];

    /// <summary>The versions <paramref name="id"/> replaced, newest first (the page lists those still in force as rows of their own).</summary>
    public static IReadOnlyList<T> History<T>(int id, IReadOnlyList<T> versions, Func<T, int> idOf, Func<T, int?> replacesOf)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentNullException.ThrowIfNull(replacesOf);
        var byId = versions.ToDictionary(idOf);
        var chain = new List<T>();
        var next = replacesOf(byId[id]);
        while (next is { } older && byId.TryGetValue(older, out var version))
        {
            chain.Add(version);
            next = replacesOf(version);
        }

        return chain;
    }

    /// <summary>Reads the configuration again.</summary>
    public async Task ReloadAsync()
    {
        Config = await queries.GetConfigurationAsync();
        Loaded = true;
    }

    /// <summary>Opens the form for a new rule, starting tomorrow.</summary>
    public void AddRule()
    {
        Start(ReleaseStep.RuleForm, "Add a release rule", null, VersionEdit.EarliestStart(Today));
        RuleInput = ReleaseRuleInput.New(Today.PlusDays(1));
    }

    /// <summary>Opens the form for a new version of <paramref name="rule"/>.</summary>
    public void ChangeRule(ReleaseRuleVersion rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var earliest = VersionEdit.EarliestStart(Today, new EffectivePeriod(rule.EffectiveFrom, rule.EffectiveTo));
        Start(ReleaseStep.RuleForm, $"Change the rule for {ReleaseDescriptions.Scope(rule.Spec.Scope, Config!)}", rule.Id, earliest);
        RuleInput = ReleaseRuleInput.ChangeOf(rule, Later(earliest, Today.PlusDays(1)));
    }

    /// <summary>Opens the form ending <paramref name="rule"/>.</summary>
    public void EndRule(ReleaseRuleVersion rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var scope = ReleaseDescriptions.Scope(rule.Spec.Scope, Config!);
        StartEnd(
            $"End the rule for {scope}",
            rule.Id,
            new EffectivePeriod(rule.EffectiveFrom, rule.EffectiveTo),
            $"After the last day, slots of {scope} follow any less specific rule, or are for reception only.",
            last => new EndReleaseRule(rule.Id, rule.Spec.Scope, last));
    }

    /// <summary>Opens the form for a new quota, starting tomorrow.</summary>
    public void AddQuota()
    {
        Start(ReleaseStep.QuotaForm, "Add a quota", null, VersionEdit.EarliestStart(Today));
        QuotaInput = QuotaInput.New(Today.PlusDays(1));
    }

    /// <summary>Opens the form for a new version of <paramref name="quota"/>.</summary>
    public void ChangeQuota(QuotaVersion quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var earliest = VersionEdit.EarliestStart(Today, new EffectivePeriod(quota.EffectiveFrom, quota.EffectiveTo));
        Start(ReleaseStep.QuotaForm, $"Change the quota: {ReleaseDescriptions.Quota(quota.Spec, Config!)}", quota.Id, earliest);
        QuotaInput = QuotaInput.ChangeOf(quota, Later(earliest, Today.PlusDays(1)));
    }

    /// <summary>Opens the form ending <paramref name="quota"/>.</summary>
    public void EndQuota(QuotaVersion quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        StartEnd(
            $"End the quota: {ReleaseDescriptions.Quota(quota.Spec, Config!)}",
            quota.Id,
            new EffectivePeriod(quota.EffectiveFrom, quota.EffectiveTo),
            "After the last day, the channel is no longer capped by this quota.",
            last => new EndQuota(quota.Id, quota.Spec.ServiceId, last));
    }

    /// <summary>Opens the cap form with the cap in force today (two online bookings when there is none).</summary>
    public void EditCap()
    {
        Start(ReleaseStep.CapForm, "Per-patient cap", null, VersionEdit.EarliestStart(Today));
        var current = Config!.PatientCapVersions.LastOrDefault(c => c.EffectiveFrom <= Today && (c.EffectiveTo is null || c.EffectiveTo >= Today));
        CapMax = (current?.Spec.MaxFutureBookings ?? 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CapAppliesTo = CapChannels.FirstOrDefault(c => current is not null && ReleaseChannels.Same(c.Channel, current.Spec.AppliesTo)).Key ?? "online";
        CapFrom = Today.PlusDays(1).ToDateOnly();
        CapProblems = new Dictionary<string, string>();
    }

    /// <summary>Previews the rule form's <paramref name="spec"/> as a new rule or a new version of the one changed.</summary>
    public Task PreviewRuleAsync(ReleaseRuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var from = RuleInput!.From;
        var current = Changing is { } changing ? Config!.RuleVersions.Single(v => v.Id == changing).Spec : null;
        ReleaseChange change = Changing is { } id
            ? new ChangeReleaseRule(id, current!.Scope, spec, from)
            : new AddReleaseRule(spec, from);
        var lines = ReleaseDescriptions.ChannelLines(spec).Concat(ReleaseDescriptions.HandBack(spec.HandBack) is { } h ? [h] : []);
        return PreviewAsync(
            change, from, $"{ReleaseDescriptions.Scope(spec.Scope, Config!)} from {ReleaseDescriptions.Day(from)}: {string.Join("; ", lines.DefaultIfEmpty("no channel"))}.",
            ReleaseDescriptions.OpeningChanges(current, spec));
    }

    /// <summary>Previews the quota form's <paramref name="spec"/>.</summary>
    public Task PreviewQuotaAsync(QuotaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var from = QuotaInput!.From;
        ReleaseChange change = Changing is { } id
            ? new ChangeQuota(id, Config!.QuotaVersions.Single(v => v.Id == id).Spec.ServiceId, spec, from)
            : new AddQuota(spec, from);
        return PreviewAsync(change, from, $"From {ReleaseDescriptions.Day(from)}: {ReleaseDescriptions.Quota(spec, Config!)}.");
    }

    /// <summary>Previews ending the version after <see cref="EndLast"/>.</summary>
    public Task PreviewEndAsync()
    {
        EndProblem = null;
        if (EndLast is not { } last)
        {
            EndProblem = "Enter the last day it applies.";
            return Task.CompletedTask;
        }

        var lastDay = LocalDate.FromDateOnly(last);
        if (lastDay < EndEarliest)
        {
            EndProblem = $"The last day must be on or after {ReleaseDescriptions.Day(EndEarliest)}.";
            return Task.CompletedTask;
        }

        return PreviewAsync(_endChange!(lastDay), lastDay.PlusDays(1), $"{FormTitle} after {ReleaseDescriptions.Day(lastDay)}.");
    }

    /// <summary>Checks the cap form and shows the change in words (the cap changes no slot counts, so there is no table).</summary>
    public void ConfirmCap()
    {
        var problems = new Dictionary<string, string>();
        if (!ReleaseRuleInput.WholeNumber(CapMax, 0, 100, out var max))
        {
            problems["cap-max"] = "Enter the most future appointments a patient may hold, a whole number from 0 to 100.";
        }

        ReleaseRuleInput.CheckFrom(CapFrom, VersionEdit.EarliestStart(Today), "cap-from", problems);
        CapProblems = problems;
        if (problems.Count > 0)
        {
            return;
        }

        _capSpec = new PatientCapSpec(max, CapChannels.Single(c => c.Key == CapAppliesTo).Channel);
        Change = null;
        Preview = null;
        OpeningChanges = [];
        PreviewSummary = $"From {ReleaseDescriptions.Day(LocalDate.FromDateOnly(CapFrom!.Value))}: {ReleaseDescriptions.PatientCap(_capSpec)} The cap does not change how many slots each channel gets.";
        Step = ReleaseStep.Preview;
        FocusPreview = true;
    }

    /// <summary>Counts <paramref name="weeks"/> weeks (2 to 4) in the preview; other values are ignored.</summary>
    public async Task ChangeWeeksAsync(int weeks)
    {
        if (weeks is >= 2 and <= 4 && Change is not null)
        {
            Weeks = weeks;
            Preview = await LoadPreviewAsync();
        }
    }

    /// <summary>Goes back from the preview to the form, with everything typed.</summary>
    public void BackToEdit()
    {
        Step = _editStep;
        Refusal = null;
    }

    /// <summary>Goes back to the lists.</summary>
    public void BackToList()
    {
        Step = ReleaseStep.List;
        Refusal = null;
    }

    /// <summary>Saves the change previewed (or the cap), checking again who is signed in; the store's refusal keeps the preview.</summary>
    public async Task SaveAsync()
    {
        if (Busy)
        {
            return;
        }

        Refusal = null;
        if (await actingParty() is not { } by)
        {
            Refusal = ManagerAccess.NotAllowedMessage;
            return;
        }

        Busy = true;
        try
        {
            var outcome = _capSpec is { } cap
                ? Outcome(await store.SetPatientCapAsync(cap, LocalDate.FromDateOnly(CapFrom!.Value), by))
                : await Change!.SaveAsync(store, by);
            if (!outcome.Succeeded)
            {
                Refusal = outcome.Message;
                return;
            }

            Notice = $"Saved. {PreviewSummary}";
            Step = ReleaseStep.List;
            await ReloadAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    private void Start(ReleaseStep step, string title, int? changing, LocalDate earliest)
    {
        Step = _editStep = step;
        FormTitle = title;
        Changing = changing;
        EarliestFrom = earliest;
        Notice = null;
        Refusal = null;
        Preview = null;
    }

    private void StartEnd(string title, int versionId, EffectivePeriod period, string summary, Func<LocalDate, ReleaseChange> change)
    {
        EndEarliest = VersionEdit.EarliestEnd(Today, period);
        Start(ReleaseStep.EndForm, title, versionId, EndEarliest);
        EndSummary = summary;
        EndLast = EndEarliest.ToDateOnly();
        EndProblem = null;
        _endChange = change;
    }

    private async Task PreviewAsync(ReleaseChange change, LocalDate from, string summary, IReadOnlyList<string>? openingChanges = null)
    {
        Busy = true;
        try
        {
            Change = change;
            _capSpec = null;
            PreviewSummary = summary;
            OpeningChanges = openingChanges ?? [];
            PreviewFrom = Later(Today, from);
            Refusal = null;
            Preview = await LoadPreviewAsync();
            Refusal = Preview.Problem;
            Step = ReleaseStep.Preview;
            FocusPreview = true;
        }
        finally
        {
            Busy = false;
        }
    }

    private Task<ReleasePreview> LoadPreviewAsync() =>
        new ReleaseChangePreview(queries).PreviewAsync(Change!, new DateInterval(PreviewFrom, PreviewFrom.PlusDays(Weeks * 7 - 1)));

    private static ReleaseSaveOutcome Outcome<T>(ConfigurationResult<T> result) => new(result.Succeeded, result.Message);

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;
}
