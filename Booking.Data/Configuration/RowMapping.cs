using System.Globalization;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Release;
using Booking.Data.Scheduling;
using NodaTime;

namespace Booking.Data.Configuration;

/// <summary>
/// Rows to Core types and back. Reading always goes through Core's constructors, so a row Core would refuse fails
/// loudly at load instead of producing wrong slots.
/// </summary>
internal static class RowMapping
{
    public static Practice ToPractice(PracticeRow row) =>
        new(OdsCode.Parse(row.OdsCode), row.Name, row.RegisteredListSize, DateTimeZoneProviders.Tzdb[row.TimeZoneId]);

    public static Site ToSite(SiteRow row) => new(row.Id, row.Name);

    public static Practitioner ToPractitioner(PractitionerRow row) =>
        new(row.Id, row.Name, row.Role, row.Identifiers.Select(i => new PractitionerIdentifier(i.Kind, i.Value)));

    public static Service ToService(ServiceRow row) => new(
        row.Id,
        row.Name,
        SlotLength.FromMinutes(row.DefaultLengthMinutes),
        row.DeliveryMode,
        row.Category,
        ParseNumbers(row.EligibleRoles).Select(n => (PractitionerRole)n),
        row.IsBookable);

    public static string FormatRoles(IEnumerable<PractitionerRole> roles) => FormatNumbers(roles.Select(r => (int)r));

    public static SessionTemplate ToTemplate(SessionTemplateRow row) => new(
        row.Id,
        row.PractitionerId,
        row.SiteId,
        row.DayOfWeek,
        SessionLayoutJson.Read(row.Segments),
        row.EffectiveFrom,
        row.EffectiveTo,
        row.CycleWeeks == 1 ? WeekPattern.EveryWeek : WeekPattern.WeeksOfCycle(row.CycleWeeks, ParseNumbers(row.CycleWeeksRun), row.CycleAnchor));

    public static void CopyPattern(WeekPattern pattern, SessionTemplateRow row)
    {
        row.CycleWeeks = pattern.CycleWeeks;
        row.CycleWeeksRun = FormatNumbers(pattern.Weeks);
        row.CycleAnchor = pattern.AnchorMonday;
    }

    public static OneOffSession ToOneOff(OneOffSessionRow row) =>
        new(row.Id, row.PractitionerId, row.SiteId, row.Date, SessionLayoutJson.Read(row.Segments));

    public static DayEdit ToDayEdit(DayEditRow row) => row.Replacement is { } replacement
        ? DayEdit.Replace(row.TemplateId, row.Date, SessionLayoutJson.Read(replacement))
        : DayEdit.Cancel(row.TemplateId, row.Date, row.CancellationReason ?? "");

    public static Closure ToClosure(ClosureRow row) =>
        new(row.Id, row.Date, row.Reason, Times(row.StartTime, row.EndTime), row.SiteId);

    public static ChannelPause ToPause(ChannelPauseRow row) =>
        new(row.Id, row.Channel, new DateInterval(row.FirstDay, row.LastDay), row.Reason);

    public static PractitionerLeave ToLeave(LeaveRow row) =>
        new(row.Id, row.PractitionerId, new DateInterval(row.FirstDate, row.LastDate), Times(row.StartTime, row.EndTime));

    public static ReleaseRuleSpec ToRuleSpec(ReleaseRuleRow row) => new(
        row.Level switch
        {
            ReleaseLevel.Service => ReleaseScope.ForService(row.ServiceId ?? 0),
            ReleaseLevel.Session => ReleaseScope.ForSession(new SessionSource(row.SessionKind ?? SessionSourceKind.Template, row.SessionId ?? 0)),
            _ => ReleaseScope.ForSlot(ParseSlotId(row.SlotId)),
        },
        ReleaseJson.ReadChannels(row.Channels),
        ReleaseJson.ReadTerms(row.DefaultTerms),
        ReleaseJson.ReadHandBack(row.HandBack));

    public static void CopyRuleSpec(ReleaseRuleSpec spec, ReleaseRuleRow row)
    {
        row.Level = spec.Scope.Level;
        row.ServiceId = spec.Scope.ServiceId;
        row.SessionKind = spec.Scope.Session?.Kind;
        row.SessionId = spec.Scope.Session?.Id;
        row.SlotId = spec.Scope.Slot?.Value;
        row.Channels = ReleaseJson.WriteChannels(spec.Channels);
        row.DefaultTerms = ReleaseJson.WriteTerms(spec.Defaults);
        row.HandBack = ReleaseJson.WriteHandBack(spec.HandBack);
    }

    public static ReleaseRule ToRule(ReleaseRuleRow row)
    {
        var spec = ToRuleSpec(row);
        return new ReleaseRule(
            row.Id,
            spec.Scope,
            new EffectivePeriod(row.EffectiveFrom, row.EffectiveTo),
            spec.Channels.Select(c => new ChannelRelease(c.Channel.ToSelector(), c.Overrides)).ToList(),
            spec.Defaults,
            spec.HandBack is { } handBack ? new HandBack(handBack.BeforeStart, handBack.To.ToSelector()) : null);
    }

    public static QuotaSpec ToQuotaSpec(QuotaRow row) => new(
        ReleaseJson.ReadSelector(row.Channel),
        row.Per,
        row.IsShare ? QuotaLimit.Share(row.LimitValue) : QuotaLimit.Count(row.LimitValue),
        row.ServiceId,
        row.OnlyOn);

    public static void CopyQuotaSpec(QuotaSpec spec, QuotaRow row)
    {
        row.Channel = ReleaseJson.WriteSelector(spec.Channel);
        row.Per = spec.Per;
        (row.IsShare, row.LimitValue) = spec.Limit switch
        {
            ShareLimit share => (true, share.Percent),
            CountLimit count => (false, count.Value),
            var other => throw new NotSupportedException($"Quota limit {other.GetType().Name} cannot be stored."),
        };
        row.ServiceId = spec.ServiceId;
        row.OnlyOn = spec.OnlyOn;
    }

    public static Quota ToQuota(QuotaRow row)
    {
        var spec = ToQuotaSpec(row);
        return new Quota(row.Id, spec.Channel.ToSelector(), spec.Per, spec.Limit)
        {
            ServiceId = spec.ServiceId,
            OnlyOn = spec.OnlyOn,
            Period = new EffectivePeriod(row.EffectiveFrom, row.EffectiveTo),
        };
    }

    public static PatientCapSpec ToPatientCapSpec(PatientCapRow row) =>
        new(row.MaxFutureBookings, ReleaseJson.ReadSelector(row.AppliesTo));

    public static SlotId ParseSlotId(string? text) =>
        SlotId.TryParse(text, out var id, out _, out _) ? id : throw new InvalidDataException($"'{text}' is not a slot id.");

    private static LocalTimeRange? Times(LocalTime? start, LocalTime? end) =>
        start is { } from && end is { } to ? new LocalTimeRange(from, to) : null;

    private static IEnumerable<int> ParseNumbers(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture));

    private static string FormatNumbers(IEnumerable<int> numbers) =>
        string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
