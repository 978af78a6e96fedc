using System.Globalization;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Manage.Rota;

/// <summary>What the session form edits: a recurring template, a one-off extra session, or one day's replacement times.</summary>
public enum SessionFormMode { Template, OneOff, DayReplacement }

/// <summary>How often a template runs, as the form offers it.</summary>
internal enum PatternChoice { EveryWeek, AlternateWeeks, WeeksOfCycle }

/// <summary>One part of a session as typed: a run of slots of one service, or a break when <see cref="ServiceId"/> is null.</summary>
internal sealed class SegmentInput
{
    /// <summary>As typed, e.g. "08:30"; kept as text so a time the browser sends in another shape is never dropped.</summary>
    public string Start { get; set; } = "";

    public string End { get; set; } = "";

    /// <summary>The service the slots are for; null for a break.</summary>
    public int? ServiceId { get; set; }

    public int? SlotMinutes { get; set; }
}

/// <summary>A session as checked: everything the store needs for the form's mode (unused parts are left at their defaults).</summary>
internal sealed record CheckedSession(
    int PractitionerId,
    int SiteId,
    SessionLayout Layout,
    IsoDayOfWeek DayOfWeek,
    LocalDate Date,
    LocalDate EffectiveFrom,
    LocalDate? EffectiveTo,
    WeekPattern Pattern);

/// <summary>
/// The session form's fields, kept as typed (so a refused form loses nothing) and checked into Core's types with one
/// message per wrong field. Field keys: Practitioner, Site, Day, Date, From, To, Pattern, Cycle, Weeks, Anchor, Parts,
/// and Part{i}.Start / .End / .Service / .Length for the i-th part.
/// </summary>
internal sealed class SessionInput
{
    public int? PractitionerId { get; set; }

    public int? SiteId { get; set; }

    public IsoDayOfWeek? DayOfWeek { get; set; }

    public DateOnly? Date { get; set; }

    public List<SegmentInput> Parts { get; } = [new SegmentInput()];

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The stored first date when editing a template; a session that has run keeps it.</summary>
    public DateOnly? StoredEffectiveFrom { get; private set; }

    /// <summary>The stored last date when editing a template; one that has passed stays.</summary>
    public DateOnly? StoredEffectiveTo { get; private set; }

    public PatternChoice Pattern { get; set; }

    public int? CycleWeeks { get; set; }

    /// <summary>The weeks of the cycle it runs, e.g. "1, 3".</summary>
    public string CycleWeeksRun { get; set; } = "";

    public DateOnly? Anchor { get; set; }

    public static string PartKey(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"Part{index}.{field}");

    /// <summary>The form filled in from a stored template, for editing it.</summary>
    public static SessionInput From(SessionTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var input = FromLayout(template.PractitionerId, template.SiteId, template.Layout);
        input.DayOfWeek = template.DayOfWeek;
        input.EffectiveFrom = template.EffectiveFrom.ToDateOnly();
        input.StoredEffectiveFrom = input.EffectiveFrom;
        input.EffectiveTo = template.EffectiveTo?.ToDateOnly();
        input.StoredEffectiveTo = input.EffectiveTo;
        var pattern = template.Pattern;
        input.Pattern = pattern.CycleWeeks == 1 ? PatternChoice.EveryWeek
            : pattern.CycleWeeks == 2 && pattern.Weeks is [1] ? PatternChoice.AlternateWeeks
            : PatternChoice.WeeksOfCycle;
        if (input.Pattern != PatternChoice.EveryWeek)
        {
            input.CycleWeeks = pattern.CycleWeeks;
            input.CycleWeeksRun = string.Join(", ", pattern.Weeks);
            input.Anchor = pattern.AnchorMonday.ToDateOnly();
        }

        return input;
    }

    /// <summary>The form filled in with a session's practitioner, site and parts.</summary>
    public static SessionInput FromLayout(int practitionerId, int siteId, SessionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var input = new SessionInput { PractitionerId = practitionerId, SiteId = siteId };
        input.Parts.Clear();
        foreach (var segment in layout.Segments)
        {
            input.Parts.Add(new SegmentInput
            {
                Start = RotaText.Time(segment.Times.Start),
                End = RotaText.Time(segment.Times.End),
                ServiceId = segment is SlotRun run ? run.ServiceId : null,
                SlotMinutes = segment is SlotRun slots ? slots.SlotLength.Minutes : null,
            });
        }

        return input;
    }

    /// <summary>Adds a part starting where the last one ends.</summary>
    public void AddPart() => Parts.Add(new SegmentInput { Start = Parts.Count > 0 ? Parts[^1].End : "" });

    /// <summary>
    /// The session, or null with <paramref name="problems"/> saying what is wrong with each field. Only current
    /// practitioners, sites and services of <paramref name="config"/> are accepted, and only services the
    /// practitioner's role may deliver.
    /// </summary>
    public CheckedSession? Check(SessionFormMode mode, PracticeConfiguration config, out IReadOnlyDictionary<string, string> problems)
    {
        ArgumentNullException.ThrowIfNull(config);
        var found = new Dictionary<string, string>();
        var today = config.LoadedFor;

        var practitioner = PractitionerId is { } practitionerId ? config.Practitioner(practitionerId) : null;
        if (practitioner is null || practitioner.RetiredOn <= today)
        {
            found["Practitioner"] = "Choose the clinician.";
        }

        var site = SiteId is { } siteId ? config.Site(siteId) : null;
        if (site is null || site.RetiredOn <= today)
        {
            found["Site"] = "Choose the site.";
        }

        if (mode == SessionFormMode.Template && DayOfWeek is null)
        {
            found["Day"] = "Choose the day of the week.";
        }

        if (mode != SessionFormMode.Template && Date is null)
        {
            found["Date"] = "Enter the date.";
        }
        else if (mode != SessionFormMode.Template)
        {
            var sessionDate = LocalDate.FromDateOnly(Date!.Value);
            var context = RotaForms.ByStaff(config);
            RotaForms.Show(
                mode == SessionFormMode.OneOff ? AddOneOffSession.DateProblem(sessionDate, context) : AddDayEdit.DateProblem(sessionDate, context),
                found,
                "Date",
                "Date");
        }

        var layout = CheckParts(config, practitioner, found);

        var pattern = WeekPattern.EveryWeek;
        if (mode == SessionFormMode.Template)
        {
            if (EffectiveFrom is null)
            {
                found["From"] = "Enter the first date the session runs.";
            }
            else
            {
                var first = LocalDate.FromDateOnly(EffectiveFrom.Value);
                var last = EffectiveTo is { } lastPicked ? LocalDate.FromDateOnly(lastPicked) : (LocalDate?)null;
                var context = RotaForms.ByStaff(config);
                RotaForms.Show(
                    StoredEffectiveFrom is { } storedFrom
                        ? ChangeWeeklySession.DatesProblem(LocalDate.FromDateOnly(storedFrom), StoredEffectiveTo is { } storedTo ? LocalDate.FromDateOnly(storedTo) : null, first, last, context)
                        : AddWeeklySession.DatesProblem(first, last, context),
                    found,
                    "From",
                    "To");
            }

            pattern = CheckPattern(found) ?? pattern;
        }

        problems = found;
        if (found.Count > 0 || layout is null)
        {
            return null;
        }

        return new CheckedSession(
            practitioner!.Practitioner.Id,
            site!.Site.Id,
            layout,
            DayOfWeek ?? IsoDayOfWeek.Monday,
            Date is { } date ? LocalDate.FromDateOnly(date) : today,
            EffectiveFrom is { } from ? LocalDate.FromDateOnly(from) : today,
            EffectiveTo is { } to ? LocalDate.FromDateOnly(to) : null,
            pattern);
    }

    private SessionLayout? CheckParts(PracticeConfiguration config, ConfiguredPractitioner? practitioner, Dictionary<string, string> found)
    {
        var segments = new List<SessionSegment>();
        var partsFine = true;
        for (var i = 0; i < Parts.Count; i++)
        {
            var part = Parts[i];
            var partFine = true;
            var start = RotaForms.ParseTime(part.Start);
            var end = RotaForms.ParseTime(part.End);
            if (start is null)
            {
                found[PartKey(i, "Start")] = "Enter the start time, e.g. 08:30.";
                partFine = false;
            }
            else if (i > 0 && RotaForms.ParseTime(Parts[i - 1].End) is { } previousEnd && start != previousEnd)
            {
                found[PartKey(i, "Start")] = $"Start at {RotaText.Time(previousEnd)}, when the part before ends: parts follow on without gaps.";
                partFine = false;
            }

            if (end is null)
            {
                found[PartKey(i, "End")] = "Enter the end time, e.g. 11:30.";
                partFine = false;
            }
            else if (start is { } from && end <= from)
            {
                found[PartKey(i, "End")] = "The end time must be after the start time.";
                partFine = false;
            }

            if (part.ServiceId is { } serviceId)
            {
                var service = config.Service(serviceId);
                if (service is null || service.RetiredOn <= config.LoadedFor)
                {
                    found[PartKey(i, "Service")] = "Choose a current service or a break.";
                    partFine = false;
                }
                else if (practitioner is not null && !service.Service.CanBeDeliveredBy(practitioner.Practitioner.Role))
                {
                    found[PartKey(i, "Service")] = $"{practitioner.Practitioner.Name} cannot deliver {service.Service.Name}.";
                    partFine = false;
                }

                if (part.SlotMinutes is not { } minutes || minutes < 1 || minutes > SlotLength.MaxMinutes)
                {
                    found[PartKey(i, "Length")] = $"Enter a slot length from 1 to {SlotLength.MaxMinutes} minutes.";
                    partFine = false;
                }
                else if (partFine && Period.Between(start!.Value, end!.Value, PeriodUnits.Minutes).Minutes is var length && length % minutes != 0)
                {
                    found[PartKey(i, "Length")] =
                        $"{length} minutes is not a whole number of {minutes}-minute slots: change the times or the slot length.";
                    partFine = false;
                }
            }

            if (!partFine)
            {
                partsFine = false;
                continue;
            }

            var times = new LocalTimeRange(start!.Value, end!.Value);
            segments.Add(part.ServiceId is { } id
                ? new SlotRun(times, id, SlotLength.FromMinutes(part.SlotMinutes!.Value))
                : new SessionBreak(times));
        }

        if (partsFine && !segments.OfType<SlotRun>().Any())
        {
            found["Parts"] = "A session needs at least one part with slots (a service, not a break).";
            return null;
        }

        return partsFine ? SessionLayout.Create(segments) : null;
    }

    private WeekPattern? CheckPattern(Dictionary<string, string> found)
    {
        if (Pattern == PatternChoice.EveryWeek)
        {
            return WeekPattern.EveryWeek;
        }

        if (Anchor is null)
        {
            found["Anchor"] = "Enter a date in a week the session runs.";
        }

        if (Pattern == PatternChoice.AlternateWeeks)
        {
            return Anchor is { } alternateAnchor ? WeekPattern.AlternateWeeks(LocalDate.FromDateOnly(alternateAnchor)) : null;
        }

        if (CycleWeeks is not { } cycle || cycle < 2 || cycle > WeekPattern.MaxCycleWeeks)
        {
            found["Cycle"] = $"Enter a cycle of 2 to {WeekPattern.MaxCycleWeeks} weeks.";
            return null;
        }

        var weeks = new List<int>();
        foreach (var text in CycleWeeksRun.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var week) || week < 1 || week > cycle)
            {
                found["Weeks"] = $"List week numbers from 1 to {cycle}, separated by commas, e.g. 1, 3.";
                return null;
            }

            weeks.Add(week);
        }

        if (weeks.Count == 0)
        {
            found["Weeks"] = "List the weeks of the cycle it runs, e.g. 1, 3.";
            return null;
        }

        return Anchor is { } anchor ? WeekPattern.WeeksOfCycle(cycle, weeks, LocalDate.FromDateOnly(anchor)) : null;
    }
}
