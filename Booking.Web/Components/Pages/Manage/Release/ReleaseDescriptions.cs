using System.Globalization;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.WhatIf;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Web.Components.Pages.Appointments;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Release;

/// <summary>
/// Release rules, quotas and the patient cap in plain English, as a practice manager would say them:
/// "Online patients: from 08:00 on the day, up to 14 days ahead, at least 1 hour's notice".
/// </summary>
internal static class ReleaseDescriptions
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Who a selector addresses, capitalised for the start of a line.</summary>
    public static string Channel(ChannelSelectorSpec channel) => channel.Kind switch
    {
        ChannelSelectorKind.Everyone => "Everyone",
        ChannelSelectorKind.Reception => "Reception",
        ChannelSelectorKind.Online => "Online patients",
        ChannelSelectorKind.AnyOrganisation => "Any external organisation",
        ChannelSelectorKind.Organisation => channel.Name is { } name ? $"{name} ({channel.OdsCode})" : $"Organisation {channel.OdsCode}",
        _ when channel.Name is { } name && name != channel.OrganisationType => $"{name} ({channel.OrganisationType} organisations)",
        _ => $"{Capitalise(channel.OrganisationType!)} organisations",
    };

    /// <summary>"from 08:00 on the day, up to 14 days ahead, at least 1 hour's notice"; "any time" when unlimited.</summary>
    public static string Terms(ReleaseTerms terms)
    {
        var parts = new List<string>();
        if (terms.Embargo is { } embargo)
        {
            parts.Add(Embargo(embargo));
        }

        if (terms.BookingWindowDays is { } window)
        {
            parts.Add(window == 0 ? "on the day only" : $"up to {Count(window, "day")} ahead");
        }

        if (terms.MinimumNotice is { } notice && notice > Duration.Zero)
        {
            var amount = Length(notice);
            parts.Add($"at least {amount}{(amount.EndsWith('s') ? "'" : "'s")} notice");
        }

        return parts.Count == 0 ? "any time" : string.Join(", ", parts);
    }

    private static string Opening(ReleaseTime? embargo) => embargo is null ? "any time" : Embargo(embargo);

    public static string Embargo(ReleaseTime embargo) => embargo switch
    {
        LocalTimeDaysBefore { Days: 0 } local => $"from {Time(local.Time)} on the day",
        LocalTimeDaysBefore { Days: 1 } local => $"from {Time(local.Time)} the day before",
        LocalTimeDaysBefore local => $"from {Time(local.Time)}, {local.Days} days before",
        DurationBeforeStart before => $"from {Length(before.Before)} before the start",
        _ => embargo.ToString(),
    };

    /// <summary>
    /// What a change of <paramref name="before"/> into <paramref name="after"/> does to when each channel may start
    /// booking: a line per channel whose opening moves, that gains these slots or that loses them. Empty for a new rule
    /// (<paramref name="before"/> null: its terms are the whole summary) and for a change that keeps every opening.
    /// </summary>
    public static IReadOnlyList<string> OpeningChanges(ReleaseRuleSpec? before, ReleaseRuleSpec after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var channel in after.Channels)
        {
            var opens = Opening(after.Defaults.With(channel.Overrides).Embargo);
            var was = before.Channels.FirstOrDefault(c => ReleaseChannels.Same(c.Channel, channel.Channel));
            if (was is null)
            {
                lines.Add($"{Channel(channel.Channel)} can now book these slots, {opens}.");
            }
            else if (Opening(before.Defaults.With(was.Overrides).Embargo) is var wasOpens && wasOpens != opens)
            {
                lines.Add($"{Channel(channel.Channel)} opening changes: {opens} (was {wasOpens}).");
            }
        }

        lines.AddRange(before.Channels
            .Where(was => !after.Channels.Any(c => ReleaseChannels.Same(c.Channel, was.Channel)))
            .Select(was => $"{Channel(was.Channel)} can no longer book these slots."));
        return lines;
    }

    /// <summary>
    /// A line per channel whose proposed release a quota holds back over <paramref name="days"/>, when the change alters
    /// what that channel gets: without it a manager sees a small change in a cell and cannot tell the rule from the cap.
    /// </summary>
    public static IReadOnlyList<string> QuotaCaps(IReadOnlyList<WhatIfDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return days.SelectMany(d => d.Channels)
            .GroupBy(c => c.Channel)
            .Select(g => (Channel: g.Key, Current: g.Sum(c => c.Current.Released), Released: g.Sum(c => c.Proposed.Released),
                Within: g.Sum(c => c.Proposed.WithinQuotas), CurrentWithin: g.Sum(c => c.Current.WithinQuotas)))
            .Where(t => t.Within < t.Released && (t.Released != t.Current || t.Within != t.CurrentWithin))
            .Select(t => $"A quota caps {t.Channel}: the change releases {Count(t.Released, "slot")} to it, but its quotas let it book {t.Within}.")
            .ToList();
    }

    /// <summary>One line per listed channel, in the rule's order.</summary>
    public static IReadOnlyList<string> ChannelLines(ReleaseRuleSpec rule) =>
        rule.Channels.Select(c => $"{Channel(c.Channel)}: {Terms(rule.Defaults.With(c.Overrides))}").ToList();

    public static string? HandBack(HandBackSpec? handBack) => handBack is null
        ? null
        : $"Unbooked slots go back to {Lower(Channel(handBack.To))} {Length(handBack.BeforeStart)} before the start.";

    /// <summary>What the rule is attached to: a service, a session ("Dr Patel, Main surgery, Mondays 12:00–12:30") or a slot.</summary>
    public static string Scope(ReleaseScope scope, PracticeConfiguration config) => scope.Level switch
    {
        ReleaseLevel.Service => $"{ServiceName(scope.ServiceId!.Value, config)} (every slot)",
        ReleaseLevel.Session => Session(scope.Session!.Value, config),
        _ => $"One slot: {scope.Slot}",
    };

    public static string Session(SessionSource session, PracticeConfiguration config)
    {
        if (session.Kind == SessionSourceKind.Template && config.Rota.Templates.FirstOrDefault(t => t.Id == session.Id) is { } template)
        {
            return $"Session: {Who(template.PractitionerId, template.SiteId, config)}, {template.DayOfWeek}s {Times(template.Layout.Times)}";
        }

        if (session.Kind == SessionSourceKind.OneOff && config.Rota.OneOffs.FirstOrDefault(o => o.Id == session.Id) is { } oneOff)
        {
            return $"Extra session: {Who(oneOff.PractitionerId, oneOff.SiteId, config)}, {Day(oneOff.Date)} {Times(oneOff.Layout.Times)}";
        }

        return $"Session {session.Prefix}{session.Id}";
    }

    /// <summary>"Online patients: at most 30% of GP appointment slots each day".</summary>
    public static string Quota(QuotaSpec quota, PracticeConfiguration config)
    {
        var per = quota.Per == QuotaPeriod.Day ? "each day" : "each session";
        var service = quota.ServiceId is { } id ? ServiceName(id, config) : null;
        var limit = quota.Limit switch
        {
            ShareLimit share => $"at most {share.Percent}% of {(service is null ? "all" : service)} slots {per}",
            CountLimit count => $"at most {Count(count.Value, "booking")} {per}{(service is null ? " across all services" : $" of {service}")}",
            var other => other.ToString(),
        };
        var day = quota.OnlyOn is { } weekday ? $", on {weekday}s only" : "";
        return $"{Channel(quota.Channel)}: {limit}{day}";
    }

    public static string PatientCap(PatientCapSpec cap) =>
        $"A patient may hold at most {Count(cap.MaxFutureBookings, "future appointment")}; {Lower(Channel(cap.AppliesTo))} cannot book beyond that.";

    /// <summary>"From Mon 23 Nov 2026", "Mon 23 Nov 2026 to Fri 4 Dec 2026".</summary>
    public static string Effective(LocalDate from, LocalDate? to) =>
        to is { } last ? $"{Day(from)} to {Day(last)}" : $"From {Day(from)}";

    /// <summary>Whether a version is in force on <paramref name="today"/>, starts later, or has ended.</summary>
    public static string Status(LocalDate from, LocalDate? to, LocalDate today) =>
        to < today ? "Ended" : from > today ? "Starts later" : "In force";

    /// <summary>"Tue 24 Nov 2026".</summary>
    public static string Day(LocalDate date) => $"{Formats.ShortDay(date)} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"1 hour", "30 minutes", "1 hour 30 minutes", "2 days".</summary>
    public static string Length(Duration duration)
    {
        var minutes = (long)duration.TotalMinutes;
        if (minutes > 0 && minutes % (24 * 60) == 0)
        {
            return Count(minutes / (24 * 60), "day");
        }

        var hours = minutes / 60;
        var rest = minutes % 60;
        return (hours, rest) switch
        {
            (0, _) => Count(rest, "minute"),
            (_, 0) => Count(hours, "hour"),
            _ => $"{Count(hours, "hour")} {Count(rest, "minute")}",
        };
    }

    public static string Count(long count, string noun) =>
        $"{count.ToString("N0", British)} {noun}{(count == 1 ? "" : "s")}";

    private static string Time(LocalTime time) => time.ToString("HH:mm", British);

    private static string Times(LocalTimeRange times) => $"{Time(times.Start)}–{Time(times.End)}";

    private static string ServiceName(int id, PracticeConfiguration config) => config.Service(id)?.Service.Name ?? $"Service {id}";

    private static string Who(int practitionerId, int siteId, PracticeConfiguration config) =>
        $"{config.PractitionerName(practitionerId) ?? $"clinician {practitionerId}"}, {config.Site(siteId)?.Site.Name ?? $"site {siteId}"}";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // "Reception" reads "reception" mid-sentence; names such as "111" are unchanged.
    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
