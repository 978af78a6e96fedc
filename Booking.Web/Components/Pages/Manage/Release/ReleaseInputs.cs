using System.Globalization;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Data.Release;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Release;

/// <summary>Minutes or hours, as a manager enters a notice, a release or a hand-back time.</summary>
public enum TimeUnit
{
    Minutes,
    Hours,
}

/// <summary>How a channel's slots open.</summary>
public enum EmbargoKind
{
    /// <summary>As soon as the slot exists.</summary>
    None,

    /// <summary>At a local time, some days before the slot's date (0 = on the day).</summary>
    AtTime,

    /// <summary>A number of minutes or hours before the slot starts.</summary>
    BeforeStart,
}

/// <summary>The channels the forms offer, each with a stable key for field ids.</summary>
public static class ReleaseChannels
{
    /// <summary>The organisation type NHS 111 and other urgent-care services are registered with.</summary>
    public const string UrgentCareType = "urgent-care";

    public static ChannelSelectorSpec Nhs111 { get; } = ChannelSelectorSpec.ForOrganisationType(UrgentCareType, "111");

    /// <summary>Reception, online, NHS 111 (urgent-care), hubs and any external organisation, in that order.</summary>
    public static IReadOnlyList<(string Key, ChannelSelectorSpec Channel)> Standard { get; } =
    [
        ("reception", ChannelSelectorSpec.Reception),
        ("online", ChannelSelectorSpec.Online),
        ("nhs111", Nhs111),
        ("hub", ChannelSelectorSpec.ForOrganisationType("hub", "Hub")),
        ("any-organisation", ChannelSelectorSpec.AnyOrganisation),
    ];

    public static bool Same(ChannelSelectorSpec a, ChannelSelectorSpec b) =>
        a.Kind == b.Kind && a.OdsCode == b.OdsCode && a.OrganisationType == b.OrganisationType;
}

/// <summary>An amount of minutes or hours as typed; empty means none.</summary>
public sealed class DurationInput
{
    public string Amount { get; set; } = "";

    public TimeUnit Unit { get; set; } = TimeUnit.Hours;

    public static DurationInput From(Duration? duration)
    {
        if (duration is not { } value || value <= Duration.Zero)
        {
            return new DurationInput();
        }

        var minutes = (long)value.TotalMinutes;
        return minutes % 60 == 0
            ? new DurationInput { Amount = (minutes / 60).ToString(CultureInfo.InvariantCulture), Unit = TimeUnit.Hours }
            : new DurationInput { Amount = minutes.ToString(CultureInfo.InvariantCulture), Unit = TimeUnit.Minutes };
    }

    /// <summary>The duration; null when empty. <paramref name="problem"/> says why a non-empty amount is not usable.</summary>
    public Duration? Read(bool required, string what, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(Amount))
        {
            problem = required ? $"Enter {what}." : null;
            return null;
        }

        var max = Unit == TimeUnit.Hours ? 24 * 60 : 60 * 24 * 60;
        if (!int.TryParse(Amount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > max)
        {
            problem = $"Enter {what} as a whole number of {Unit.ToString().ToLowerInvariant()} greater than 0.";
            return null;
        }

        return Unit == TimeUnit.Hours ? Duration.FromHours(amount) : Duration.FromMinutes(amount);
    }
}

/// <summary>One channel row of the rule form: whether the rule releases to it and on what terms.</summary>
public sealed class ChannelTermsInput
{
    /// <summary>Stable key for field ids: a standard channel's key, <c>organisation</c> for the ODS-code row, or <c>other-N</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The channel; null on the row where the manager types an ODS code.</summary>
    public ChannelSelectorSpec? Channel { get; init; }

    public bool Enabled { get; set; }

    /// <summary>The ODS code typed on the organisation row.</summary>
    public string OdsCode { get; set; } = "";

    public EmbargoKind Embargo { get; set; }

    public string EmbargoDaysBefore { get; set; } = "0";

    public TimeOnly? EmbargoTime { get; set; } = new(8, 0);

    public DurationInput EmbargoBeforeStart { get; set; } = new();

    public string WindowDays { get; set; } = "";

    public DurationInput Notice { get; set; } = new();

    public string Label => Channel is { } channel ? ReleaseDescriptions.Channel(channel) : "One organisation, by ODS code";

    public void Load(ReleaseTerms terms)
    {
        Enabled = true;
        switch (terms.Embargo)
        {
            case LocalTimeDaysBefore local:
                Embargo = EmbargoKind.AtTime;
                EmbargoDaysBefore = local.Days.ToString(CultureInfo.InvariantCulture);
                EmbargoTime = local.Time.ToTimeOnly();
                break;
            case DurationBeforeStart before:
                Embargo = EmbargoKind.BeforeStart;
                EmbargoBeforeStart = DurationInput.From(before.Before);
                break;
            default:
                Embargo = EmbargoKind.None;
                break;
        }

        WindowDays = terms.BookingWindowDays?.ToString(CultureInfo.InvariantCulture) ?? "";
        Notice = DurationInput.From(terms.MinimumNotice);
    }
}

/// <summary>
/// A release rule as the manager edits it. Kept as typed, so a failed check loses nothing; <see cref="Check"/> turns it
/// into the store's <see cref="ReleaseRuleSpec"/> or gives one message per field id. Each channel's terms are stored as
/// its own overrides (the rule's shared defaults stay open), which releases exactly what the form shows.
/// </summary>
public sealed class ReleaseRuleInput
{
    /// <summary>Longest booking window and furthest embargo accepted, in days (a year).</summary>
    public const int MaxDays = 366;

    private const string ReceptionKey = "reception";

    public ReleaseLevel Level { get; set; } = ReleaseLevel.Service;

    public int? ServiceId { get; set; }

    /// <summary>The session template, for a session-level rule.</summary>
    public int? TemplateId { get; set; }

    public List<ChannelTermsInput> Channels { get; } = [];

    public bool HandBackEnabled { get; set; }

    public DurationInput HandBack { get; set; } = new() { Amount = "1" };

    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>
    /// A blank rule: every standard channel offered, reception ticked. A rule lists every channel that may book, so a
    /// manager releasing slots online would otherwise take them from reception without meaning to; reception keeps its
    /// slots unless the manager unticks it.
    /// </summary>
    public static ReleaseRuleInput New(LocalDate effectiveFrom)
    {
        var input = new ReleaseRuleInput { EffectiveFrom = effectiveFrom.ToDateOnly() };
        input.AddStandardRows();
        input.Channels.Single(row => row.Key == ReceptionKey).Enabled = true;
        return input;
    }

    /// <summary>The form for a new version of <paramref name="version"/>, starting on <paramref name="effectiveFrom"/>.</summary>
    public static ReleaseRuleInput ChangeOf(ReleaseRuleVersion version, LocalDate effectiveFrom)
    {
        var spec = version.Spec;
        var input = new ReleaseRuleInput
        {
            Level = spec.Scope.Level,
            ServiceId = spec.Scope.ServiceId,
            TemplateId = spec.Scope.Session is { Kind: SessionSourceKind.Template } session ? session.Id : null,
            HandBackEnabled = spec.HandBack is not null,
            HandBack = spec.HandBack is { } handBack ? DurationInput.From(handBack.BeforeStart) : new DurationInput { Amount = "1" },
            EffectiveFrom = effectiveFrom.ToDateOnly(),
        };
        input.AddStandardRows();
        var others = 0;
        foreach (var release in spec.Channels)
        {
            var row = input.Channels.FirstOrDefault(r => r.Channel is { } channel && ReleaseChannels.Same(channel, release.Channel));
            if (row is null)
            {
                row = new ChannelTermsInput { Key = $"other-{++others}", Channel = release.Channel };
                input.Channels.Insert(input.Channels.Count - 1, row);
            }

            row.Load(spec.Defaults.With(release.Overrides));
        }

        return input;
    }

    /// <summary>The rule, or null with one message per field id (see the form's ids).</summary>
    public ReleaseRuleSpec? Check(LocalDate earliestFrom, out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        ReleaseScope? scope = null;
        if (Level == ReleaseLevel.Service)
        {
            if (ServiceId is { } serviceId)
            {
                scope = ReleaseScope.ForService(serviceId);
            }
            else
            {
                found["rule-service"] = "Choose the service the rule is for.";
            }
        }
        else if (TemplateId is { } templateId)
        {
            scope = ReleaseScope.ForSession(new SessionSource(SessionSourceKind.Template, templateId));
        }
        else
        {
            found["rule-session"] = "Choose the session the rule is for.";
        }

        var releases = new List<ChannelReleaseSpec>();
        foreach (var row in Channels.Where(r => r.Enabled))
        {
            var channel = row.Channel;
            if (channel is null)
            {
                if (Core.Organisations.OdsCode.TryParse(row.OdsCode, out var code))
                {
                    channel = ChannelSelectorSpec.Organisation(code.Value);
                }
                else
                {
                    found[$"rule-{row.Key}-ods"] = "Enter the organisation's ODS code: 3 to 10 letters and digits, e.g. Y12345.";
                }
            }

            var terms = Terms(row, found);
            if (channel is not null && terms is not null)
            {
                releases.Add(new ChannelReleaseSpec(channel, terms == ReleaseTerms.Open ? null : terms));
            }
        }

        if (!Channels.Any(r => r.Enabled))
        {
            found["rule-channels"] = "Tick at least one channel that may book these slots.";
        }

        HandBackSpec? handBack = null;
        if (HandBackEnabled)
        {
            var before = HandBack.Read(required: true, "how long before the start unbooked slots go back to reception", out var problem);
            if (problem is not null)
            {
                found["rule-handback"] = problem;
            }
            else
            {
                handBack = new HandBackSpec(before!.Value, ChannelSelectorSpec.Reception);
            }
        }

        CheckFrom(EffectiveFrom, earliestFrom, "rule-from", found);
        problems = found;
        return found.Count == 0 ? new ReleaseRuleSpec(scope!, releases, ReleaseTerms.Open, handBack) : null;
    }

    /// <summary>The date the new version starts (valid once <see cref="Check"/> passed).</summary>
    public LocalDate From => LocalDate.FromDateOnly(EffectiveFrom!.Value);

    /// <summary>A missing date, or one before <paramref name="earliest"/>, is a problem at <paramref name="field"/>.</summary>
    public static void CheckFrom(DateOnly? from, LocalDate earliest, string field, Dictionary<string, string> found)
    {
        if (from is not { } date)
        {
            found[field] = "Enter the date it starts.";
        }
        else if (LocalDate.FromDateOnly(date) < earliest)
        {
            found[field] = $"It must start on or after {ReleaseDescriptions.Day(earliest)}.";
        }
    }

    private static ReleaseTerms? Terms(ChannelTermsInput row, Dictionary<string, string> found)
    {
        var ok = true;
        ReleaseTime? embargo = null;
        switch (row.Embargo)
        {
            case EmbargoKind.AtTime:
                if (!WholeNumber(row.EmbargoDaysBefore, 0, MaxDays, out var days))
                {
                    found[$"rule-{row.Key}-days"] = $"Enter how many days before the slot's date it opens: 0 (on the day) to {MaxDays}.";
                    ok = false;
                }

                if (row.EmbargoTime is not { } time)
                {
                    found[$"rule-{row.Key}-time"] = "Enter the time it opens, e.g. 08:00.";
                    ok = false;
                }
                else if (ok)
                {
                    embargo = ReleaseTime.DaysBefore(days, LocalTime.FromTimeOnly(time));
                }

                break;
            case EmbargoKind.BeforeStart:
                var before = row.EmbargoBeforeStart.Read(required: true, "how long before the start it opens", out var beforeProblem);
                if (beforeProblem is not null)
                {
                    found[$"rule-{row.Key}-before"] = beforeProblem;
                    ok = false;
                }
                else
                {
                    embargo = ReleaseTime.BeforeStart(before!.Value);
                }

                break;
        }

        int? window = null;
        if (!string.IsNullOrWhiteSpace(row.WindowDays))
        {
            if (WholeNumber(row.WindowDays, 0, MaxDays, out var windowDays))
            {
                window = windowDays;
            }
            else
            {
                found[$"rule-{row.Key}-window"] = $"Enter how many days ahead it may book: 0 (on the day only) to {MaxDays}, or leave it empty for no limit.";
                ok = false;
            }
        }

        var notice = row.Notice.Read(required: false, "the minimum notice", out var noticeProblem);
        if (noticeProblem is not null)
        {
            found[$"rule-{row.Key}-notice"] = noticeProblem;
            ok = false;
        }

        return ok ? new ReleaseTerms(embargo, window, notice) : null;
    }

    public static bool WholeNumber(string text, int min, int max, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private void AddStandardRows()
    {
        foreach (var (key, channel) in ReleaseChannels.Standard)
        {
            Channels.Add(new ChannelTermsInput { Key = key, Channel = channel });
        }

        Channels.Add(new ChannelTermsInput { Key = "organisation" });
    }
}

/// <summary>Count or share, as the quota form offers it.</summary>
public enum QuotaLimitKind
{
    Count,
    Share,
}

/// <summary>A quota as the manager edits it; <see cref="Check"/> gives the store's <see cref="QuotaSpec"/> or one message per field id.</summary>
public sealed class QuotaInput
{
    /// <summary>The key of the chosen channel among <see cref="ReleaseChannels.Standard"/> (or <c>current</c> for an unlisted one).</summary>
    public string ChannelKey { get; set; } = "online";

    /// <summary>The channel of the version being changed, when it is not a standard one.</summary>
    public ChannelSelectorSpec? OtherChannel { get; init; }

    public QuotaPeriod Per { get; set; } = QuotaPeriod.Day;

    public QuotaLimitKind LimitKind { get; set; } = QuotaLimitKind.Count;

    public string LimitValue { get; set; } = "";

    public int? ServiceId { get; set; }

    public IsoDayOfWeek? OnlyOn { get; set; }

    public DateOnly? EffectiveFrom { get; set; }

    public LocalDate From => LocalDate.FromDateOnly(EffectiveFrom!.Value);

    /// <summary>Whether this is NHS 111's daily allocation, for which the form suggests a size from the list size.</summary>
    public bool IsNhs111Daily => ChannelKey == "nhs111" && Per == QuotaPeriod.Day && LimitKind == QuotaLimitKind.Count;

    public static QuotaInput New(LocalDate effectiveFrom) => new() { EffectiveFrom = effectiveFrom.ToDateOnly() };

    public static QuotaInput ChangeOf(QuotaVersion version, LocalDate effectiveFrom)
    {
        var spec = version.Spec;
        var standard = ReleaseChannels.Standard.FirstOrDefault(s => ReleaseChannels.Same(s.Channel, spec.Channel));
        return new QuotaInput
        {
            ChannelKey = standard.Key ?? "current",
            OtherChannel = standard.Key is null ? spec.Channel : null,
            Per = spec.Per,
            LimitKind = spec.Limit is ShareLimit ? QuotaLimitKind.Share : QuotaLimitKind.Count,
            LimitValue = (spec.Limit switch { ShareLimit share => share.Percent, CountLimit count => count.Value, _ => 0 }).ToString(CultureInfo.InvariantCulture),
            ServiceId = spec.ServiceId,
            OnlyOn = spec.OnlyOn,
            EffectiveFrom = effectiveFrom.ToDateOnly(),
        };
    }

    public ChannelSelectorSpec? Channel =>
        ChannelKey == "current" ? OtherChannel : ReleaseChannels.Standard.FirstOrDefault(s => s.Key == ChannelKey).Channel;

    public QuotaSpec? Check(LocalDate earliestFrom, out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        var channel = Channel;
        if (channel is null)
        {
            found["quota-channel"] = "Choose whose bookings the quota caps.";
        }

        QuotaLimit? limit = null;
        if (LimitKind == QuotaLimitKind.Share)
        {
            if (ReleaseRuleInput.WholeNumber(LimitValue, 0, 100, out var percent))
            {
                limit = QuotaLimit.Share(percent);
            }
            else
            {
                found["quota-limit"] = "Enter the share as a whole percentage from 0 to 100.";
            }
        }
        else if (ReleaseRuleInput.WholeNumber(LimitValue, 0, 10_000, out var count))
        {
            limit = QuotaLimit.Count(count);
        }
        else
        {
            found["quota-limit"] = "Enter how many bookings, a whole number (0 closes the channel).";
        }

        ReleaseRuleInput.CheckFrom(EffectiveFrom, earliestFrom, "quota-from", found);
        problems = found;
        return found.Count == 0 ? new QuotaSpec(channel!, Per, limit!, ServiceId, OnlyOn) : null;
    }
}
