using Booking.Core.Scheduling;
using Booking.Core.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Booking.Tests.Core.Scheduling;

/// <summary>
/// Properties of slot generation over random rotas (FsCheck). The generated rotas have no overlapping
/// sessions by construction: each practitioner holds at most one template per weekday and band of the day
/// (night, morning, afternoon), replacements stay in their band, and one-offs use the evening band once
/// per practitioner and date. Night sessions on Sundays exercise both clock changes.
/// </summary>
public class SlotGeneratorPropertyTests
{
    private static readonly LocalDate FirstStart = new(2025, 12, 1);
    private static readonly LocalTime[] BandStarts = [new(0, 0), new(7, 0), new(13, 0)];
    private static readonly LocalTime EveningBand = new(19, 0);

    [Property(MaxTest = 150)]
    public Property Generate_AnyRota_NoTwoSlotsOfOnePractitionerOverlap()
    {
        return Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var rota = c.BuildRota();
            var noReportedOverlaps = !rota.Validate(c.Dates).OfType<OverlappingSessions>().Any();
            var noSlotOverlaps = SlotGenerator.Generate(rota, c.Dates).Slots
                .GroupBy(s => s.PractitionerId)
                .All(slots =>
                {
                    var ordered = slots.OrderBy(s => s.Start).ToList();
                    return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.End <= pair.Second.Start);
                });
            return noReportedOverlaps && noSlotOverlaps;
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_Twice_GivesIdenticalLists()
    {
        return Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var first = SlotGenerator.Generate(c.BuildRota(), c.Dates);
            var second = SlotGenerator.Generate(c.BuildRota(), c.Dates);
            return first.Slots.SequenceEqual(second.Slots) && first.Suppressed.SequenceEqual(second.Suppressed);
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_SplitRange_EqualsConcatenationOfParts()
    {
        var cases =
            from c in Cases()
            from split in Gen.Choose(0, c.Dates.Length - 1)
            select (c, split);
        return Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var (c, split) = x;
            var rota = c.BuildRota();
            var whole = SlotGenerator.Generate(rota, c.Dates);
            var firstPart = new DateInterval(c.Dates.Start, c.Dates.Start.PlusDays(split));
            if (firstPart.End == c.Dates.End)
            {
                return whole.Slots.SequenceEqual(SlotGenerator.Generate(rota, firstPart).Slots);
            }

            var head = SlotGenerator.Generate(rota, firstPart);
            var tail = SlotGenerator.Generate(rota, new DateInterval(firstPart.End.PlusDays(1), c.Dates.End));
            return whole.Slots.SequenceEqual(head.Slots.Concat(tail.Slots))
                && whole.Suppressed.SequenceEqual(head.Suppressed.Concat(tail.Suppressed));
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_RangesAcrossClockChanges_EverySlotStartsAtItsRotaLocalTime()
    {
        return Prop.ForAll(AcrossClockChanges().ToArbitrary(), c =>
        {
            var rota = c.BuildRota();
            return SlotGenerator.Generate(rota, c.Dates).Slots.All(slot =>
                slot.Start.InZone(rota.Zone).LocalDateTime == slot.LocalStart
                && LayoutOf(rota, slot.Session).Segments.OfType<SlotRun>().Any(run => run.Times.Start <= slot.LocalStart.TimeOfDay && slot.LocalStart.TimeOfDay < run.Times.End));
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_RangesAcrossClockChanges_InstantsAreTheClockChangeRules()
    {
        return Prop.ForAll(AcrossClockChanges().ToArbitrary(), c =>
        {
            var rota = c.BuildRota();
            var generation = SlotGenerator.Generate(rota, c.Dates);
            return generation.Slots.Concat(generation.Suppressed.Select(s => s.Slot)).All(slot =>
                slot.Start == ClockChangeRule.ToInstant(slot.LocalStart, rota.Zone)
                && slot.End == ClockChangeRule.ToInstant(slot.LocalEnd, rota.Zone)
                && slot.Interval.Start == slot.Start && slot.Interval.End == slot.End);
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_AnyRota_EverySlotEqualsTheSlotBuiltFromItsFacts()
    {
        // Generated slots share their session and layout objects; one built from the facts shares nothing.
        return Prop.ForAll(AcrossClockChanges().ToArbitrary(), c =>
        {
            var rota = c.BuildRota();
            var generation = SlotGenerator.Generate(rota, c.Dates);
            var again = SlotGenerator.Generate(rota, c.Dates);
            var all = generation.Slots.Concat(generation.Suppressed.Select(s => s.Slot)).ToList();
            var allAgain = again.Slots.Concat(again.Suppressed.Select(s => s.Slot)).ToList();
            return all.Zip(allAgain).All(pair =>
            {
                var (slot, twin) = pair;
                var fromFacts = new Slot(
                    SlotId.For(slot.Session, slot.LocalStart.TimeOfDay),
                    slot.Session,
                    slot.PractitionerId,
                    slot.SiteId,
                    slot.ServiceId,
                    slot.LocalStart,
                    slot.LocalEnd,
                    slot.Interval);
                return slot.Equals(fromFacts) && fromFacts.Equals(slot) && slot == fromFacts
                    && slot.GetHashCode() == fromFacts.GetHashCode()
                    && slot.Id == fromFacts.Id
                    && slot == twin && !ReferenceEquals(slot, twin) && slot.GetHashCode() == twin.GetHashCode()
                    && slot.Id.Value == twin.Id.Value;
            }) && all.Count == allAgain.Count;
        });
    }

    [Property(MaxTest = 150)]
    public Property Generate_AnyRota_EverySlotLiesWithinItsSession()
    {
        return Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var rota = c.BuildRota();
            var generation = SlotGenerator.Generate(rota, c.Dates);
            return generation.Slots.Concat(generation.Suppressed.Select(s => s.Slot)).All(slot =>
            {
                var session = LayoutOf(rota, slot.Session).Times;
                var sessionStart = ClockChangeRule.ToInstant(slot.Date.At(session.Start), rota.Zone);
                var sessionEnd = ClockChangeRule.ToInstant(slot.Date.At(session.End), rota.Zone);
                return slot.LocalStart >= slot.Date.At(session.Start)
                    && slot.LocalEnd <= slot.Date.At(session.End)
                    && slot.Start >= sessionStart
                    && slot.End <= sessionEnd
                    && slot.Start <= slot.End
                    && slot.Date == c.Dates.Start.PlusDays(Period.DaysBetween(c.Dates.Start, slot.Date));
            }) && generation.Slots.All(slot => slot.Start < slot.End);
        });
    }

    private static SessionLayout LayoutOf(Rota rota, SessionKey session)
    {
        if (session.Source.Kind == SessionSourceKind.OneOff)
        {
            return rota.OneOffs.Single(o => o.Id == session.Source.Id).Layout;
        }

        var edit = rota.DayEdits.SingleOrDefault(e => e.TemplateId == session.Source.Id && e.Date == session.Date);
        return edit?.Replacement ?? rota.Templates.Single(t => t.Id == session.Source.Id).Layout;
    }

    /// <summary>Cases moved to a fortnight around one of the 2026 and 2027 clock changes.</summary>
    private static Gen<Case> AcrossClockChanges() =>
        from c in Cases()
        from start in Gen.Elements(new LocalDate(2026, 3, 23), new LocalDate(2026, 10, 19), new LocalDate(2027, 3, 22), new LocalDate(2027, 10, 25))
        select c with { Dates = new DateInterval(start, start.PlusDays(13)) };

    private static Gen<Case> Cases() =>
        from rota in Rotas()
        from startDay in Gen.Choose(0, 800)
        from length in Gen.Choose(1, 45)
        select new Case(rota, new DateInterval(FirstStart.PlusDays(startDay), FirstStart.PlusDays(startDay + length - 1)));

    private static Gen<LayoutSpec> Layouts() =>
        from startSteps in Gen.Choose(0, 6)
        from slotMinutes in Gen.Elements(5, 10, 12, 15, 20, 30)
        from firstRun in Gen.Choose(1, 4)
        from breakMinutes in Gen.Elements(0, 0, 10, 15)
        from secondRun in Gen.Choose(0, 4)
        select new LayoutSpec(startSteps * 5, slotMinutes, firstRun, breakMinutes, secondRun);

    private static Gen<TemplateSpec> Templates() =>
        from practitioner in Gen.Choose(1, 3)
        from site in Gen.Choose(1, 2)
        from weekday in Gen.Choose(1, 7)
        from band in Gen.Choose(0, 2)
        from layout in Layouts()
        from patternKind in Gen.Choose(0, 2)
        from anchorDay in Gen.Choose(-60, 60)
        from weeks in Gen.Elements(new[] { 1 }, new[] { 1, 3 }, new[] { 2, 4 }, new[] { 1, 2, 4 })
        from fromDay in Gen.Choose(-60, 30)
        from days in Gen.Choose(-1, 120)
        select new TemplateSpec(practitioner, site, weekday, band, layout, patternKind, anchorDay, weeks, fromDay, days < 0 ? null : days);

    private static Gen<EditSpec> Edits() =>
        from template in Gen.Choose(0, 7)
        from day in Gen.Choose(-5, 45)
        from cancel in Gen.Elements(true, false)
        from layout in Layouts()
        select new EditSpec(template, day, cancel, layout);

    private static Gen<RotaSpec> Rotas() =>
        from templates in Gen.ListOf(Templates()).Resize(8)
        from edits in Gen.ListOf(Edits()).Resize(4)
        from oneOffs in Gen.ListOf(Gen.Zip(Gen.Choose(1, 3), Gen.Choose(-5, 45)).SelectMany(p => Layouts(), (p, l) => new OneOffSpec(p.Item1, p.Item2, l))).Resize(4)
        from closures in Gen.ListOf(Gen.Zip(Gen.Choose(-5, 45), Gen.Elements<string?>(null, "13:00-18:30", "00:00-02:00", "09:00-10:00"), (d, t) => new ClosureSpec(d, t))).Resize(4)
        from leave in Gen.ListOf(Gen.Zip(Gen.Choose(1, 3), Gen.Choose(-5, 45), (p, d) => new LeaveSpec(p, d, d % 7, d % 3 == 0 ? "08:00-12:00" : null))).Resize(4)
        select new RotaSpec([.. templates], [.. edits], [.. oneOffs], [.. closures], [.. leave]);

    /// <summary>A rota and a date range; the rota's dates are offsets from the range's start, so they land in or near it.</summary>
    internal sealed record Case(RotaSpec Rota, DateInterval Dates)
    {
        public Rota BuildRota() => Rota.Build(Dates.Start);
    }

    internal sealed record LayoutSpec(int StartOffset, int SlotMinutes, int FirstRun, int BreakMinutes, int SecondRun)
    {
        // At most 30 + 8 × 30 + 15 = 285 minutes: fits any band.
        public SessionLayout Build(LocalTime bandStart)
        {
            var length = SlotLength.FromMinutes(SlotMinutes);
            var start = bandStart.PlusMinutes(StartOffset);
            var segments = new List<SessionSegment>();
            var end = start.PlusMinutes(FirstRun * SlotMinutes);
            segments.Add(new SlotRun(new LocalTimeRange(start, end), 1, length));
            if (SecondRun > 0)
            {
                if (BreakMinutes > 0)
                {
                    segments.Add(new SessionBreak(new LocalTimeRange(end, end.PlusMinutes(BreakMinutes))));
                    end = end.PlusMinutes(BreakMinutes);
                }

                segments.Add(new SlotRun(new LocalTimeRange(end, end.PlusMinutes(SecondRun * SlotMinutes)), 2, length));
            }

            return SessionLayout.Create(segments);
        }
    }

    internal sealed record TemplateSpec(
        int Practitioner, int Site, int Weekday, int Band, LayoutSpec Layout, int PatternKind, int AnchorDay, int[] Weeks, int FromDay, int? Days);

    internal sealed record EditSpec(int TemplateIndex, int Day, bool Cancel, LayoutSpec Layout);

    internal sealed record OneOffSpec(int Practitioner, int Day, LayoutSpec Layout);

    internal sealed record ClosureSpec(int Day, string? Times);

    internal sealed record LeaveSpec(int Practitioner, int Day, int ExtraDays, string? Times);

    internal sealed record RotaSpec(TemplateSpec[] Templates, EditSpec[] Edits, OneOffSpec[] OneOffs, ClosureSpec[] Closures, LeaveSpec[] Leave)
    {
        public Rota Build(LocalDate origin)
        {
            // One template per practitioner, weekday and band, so sessions cannot overlap.
            var templates = Templates
                .DistinctBy(t => (t.Practitioner, t.Weekday, t.Band))
                .Select((t, i) => new SessionTemplate(
                    i + 1,
                    t.Practitioner,
                    t.Site,
                    (IsoDayOfWeek)t.Weekday,
                    t.Layout.Build(BandStarts[t.Band]),
                    origin.PlusDays(t.FromDay),
                    t.Days is { } days ? origin.PlusDays(t.FromDay + days) : null,
                    t.PatternKind switch
                    {
                        0 => WeekPattern.EveryWeek,
                        1 => WeekPattern.AlternateWeeks(origin.PlusDays(t.AnchorDay)),
                        _ => WeekPattern.WeeksOfCycle(4, t.Weeks, origin.PlusDays(t.AnchorDay)),
                    }))
                .ToList();
            var bandOf = Templates.DistinctBy(t => (t.Practitioner, t.Weekday, t.Band)).Select(t => BandStarts[t.Band]).ToList();

            var edits = templates.Count == 0 ? [] : Edits
                .DistinctBy(e => (e.TemplateIndex % templates.Count, e.Day))
                .Select(e =>
                {
                    var index = e.TemplateIndex % templates.Count;
                    var date = origin.PlusDays(e.Day);
                    return e.Cancel
                        ? DayEdit.Cancel(templates[index].Id, date, "Cancelled for a meeting")
                        : DayEdit.Replace(templates[index].Id, date, e.Layout.Build(bandOf[index]));
                })
                .ToList();

            var oneOffs = OneOffs
                .DistinctBy(o => (o.Practitioner, o.Day))
                .Select((o, i) => new OneOffSession(i + 1, o.Practitioner, 1, origin.PlusDays(o.Day), o.Layout.Build(EveningBand)));

            var closures = Closures.Select((c, i) => new Closure(
                i + 1, origin.PlusDays(c.Day), "Closed", c.Times is null ? null : LocalTimeRange.Parse(c.Times), siteId: c.Day % 2 == 0 ? null : 1));

            var leave = Leave.Select((l, i) => new PractitionerLeave(
                i + 1, l.Practitioner, new DateInterval(origin.PlusDays(l.Day), origin.PlusDays(l.Day + Math.Abs(l.ExtraDays))),
                l.Times is null ? null : LocalTimeRange.Parse(l.Times)));

            return new Rota(templates, oneOffs, edits, closures, leave);
        }
    }
}
