using Booking.Core.Release;
using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Release;

public class ReleasePolicyTests
{
    private static readonly Caller Reception = new(Channel.Reception);
    private static readonly Caller Online = new(Channel.Online, Patient);
    private static readonly Caller Nhs111Caller = new(Nhs111);

    [Fact]
    public void WhyNot_NoRule_OnlyReceptionMayBook()
    {
        var slot = Slot(Monday, 9);
        var policy = Policy();
        var ledger = new QuotaLedger();
        var now = At(Monday, 7);

        policy.WhyNot(Reception, now, slot, [slot], ledger).Should().BeEmpty();
        policy.WhyNot(Online, now, slot, [slot], ledger).Should().ContainSingle()
            .Which.Message.Should().Be("Not released to this channel");
    }

    [Fact]
    public void WhyNot_OnlineBefore0800OnTheDay_EmbargoedUntil0800Today()
    {
        var slot = Slot(Monday, 10);
        var policy = Policy([ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))), ChannelSelector.Online)]);

        var reasons = policy.WhyNot(Online, At(Monday, 7, 59), slot, [slot], new QuotaLedger());

        reasons.Should().ContainSingle().Which.Should().BeOfType<Embargoed>()
            .Which.Message.Should().Be("Embargoed until 08:00 today");
        policy.WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_EmbargoOnALaterDay_NamesTheDay()
    {
        var slot = Slot(Monday.PlusDays(2), 10);
        var policy = Policy([ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))), ChannelSelector.Online)]);

        policy.WhyNot(Online, At(Monday, 9), slot, [slot], new QuotaLedger())
            .Single().Message.Should().Be("Embargoed until 08:00 on Wednesday 1 April");
        policy.WhyNot(Online, At(Monday, 9), Slot(Monday.PlusDays(1), 10), [], new QuotaLedger())
            .Single().Message.Should().Be("Embargoed until 08:00 tomorrow");
    }

    [Fact]
    public void WhyNot_111FromTwoDaysBefore_OpensAtTheLocalTimeTwoDaysBefore()
    {
        var slot = Slot(Monday, 9);
        var policy = Policy([ServiceRule(new ReleaseTerms(ReleaseTime.DaysBefore(2, new LocalTime(8, 0))), Nhs111Selector)]);
        var saturday = Monday.PlusDays(-2);

        policy.WhyNot(Nhs111Caller, At(saturday, 7, 59), slot, [slot], new QuotaLedger())
            .Should().ContainSingle().Which.Should().BeOfType<Embargoed>()
            .Which.Until.Should().Be(At(saturday, 8));
        policy.WhyNot(Nhs111Caller, At(saturday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_HoursBeforeStart_OpensThatLongBefore()
    {
        var slot = Slot(Monday, 14);
        var policy = Policy([ServiceRule(new ReleaseTerms(ReleaseTime.BeforeStart(Duration.FromHours(4))), ChannelSelector.Online)]);

        policy.WhyNot(Online, At(Monday, 9, 59), slot, [slot], new QuotaLedger()).Single().Should().BeOfType<Embargoed>();
        policy.WhyNot(Online, At(Monday, 10), slot, [slot], new QuotaLedger()).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_EmbargoAcrossTheClockChange_UsesLocalWallTime()
    {
        // Released 08:00 two days before: Saturday 28 March is GMT, the Monday slot is BST.
        var slot = Slot(Monday, 9);
        var policy = Policy([ServiceRule(new ReleaseTerms(ReleaseTime.DaysBefore(2, new LocalTime(8, 0))), ChannelSelector.Online)]);

        var embargo = policy.WhyNot(Online, At(Monday.PlusDays(-3), 12), slot, [slot], new QuotaLedger())
            .Single().Should().BeOfType<Embargoed>().Subject;

        embargo.Until.Should().Be(Instant.FromUtc(2026, 3, 28, 8, 0));
        embargo.UntilLocal.Should().Be(new LocalDateTime(2026, 3, 28, 8, 0));
    }

    [Fact]
    public void WhyNot_BeyondTheBookingWindow_SaysSo()
    {
        var policy = Policy([ServiceRule(new ReleaseTerms(BookingWindowDays: 14), ChannelSelector.Online)]);
        var lastDay = Slot(Monday.PlusDays(14), 9);
        var tooFar = Slot(Monday.PlusDays(15), 9);

        policy.WhyNot(Online, At(Monday, 8), lastDay, [lastDay], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Online, At(Monday, 8), tooFar, [tooFar], new QuotaLedger())
            .Single().Message.Should().Be("Beyond the 14-day booking window");
    }

    [Fact]
    public void WhyNot_InsideMinimumNotice_TooLate()
    {
        var slot = Slot(Monday, 10);
        var policy = Policy([ServiceRule(new ReleaseTerms(MinimumNotice: Duration.FromHours(2)), ChannelSelector.Online)]);

        policy.WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Online, At(Monday, 8, 1), slot, [slot], new QuotaLedger())
            .Single().Message.Should().Be("Too late: minimum notice is 2 hours");
    }

    [Fact]
    public void WhyNot_SlotStarted_OnlyReasonIsStarted()
    {
        var slot = Slot(Monday, 10);
        var policy = Policy([ServiceRule(new ReleaseTerms(MinimumNotice: Duration.FromHours(2)), ChannelSelector.Reception)]);

        policy.WhyNot(Reception, At(Monday, 10), slot, [slot], new QuotaLedger())
            .Single().Message.Should().Be("Slot has started");
    }

    [Fact]
    public void WhyNot_SlotAlreadyBooked_SaysSo()
    {
        var slot = Slot(Monday, 10);
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slot, Channel.Reception, OtherPatient));

        Policy().WhyNot(Reception, At(Monday, 8), slot, [slot], ledger)
            .Single().Message.Should().Be("Slot already booked");
    }

    [Fact]
    public void WhyNot_ServiceNotBookable_SaysSo()
    {
        var slot = Slot(Monday, 10, service: 9);

        Policy(unbookable: [9]).WhyNot(Reception, At(Monday, 8), slot, [slot], new QuotaLedger())
            .Single().Message.Should().Be("Service not bookable");
    }

    [Fact]
    public void WhyNot_UnusedHeldFor111_ReturnsToReceptionOneHourBefore()
    {
        var slot = Slot(Monday, 10);
        var rule = ServiceRule(ReleaseTerms.Open, Nhs111Selector) with
        {
            HandBack = new HandBack(Duration.FromHours(1), ChannelSelector.Reception),
        };
        var policy = Policy([rule]);

        policy.WhyNot(Reception, At(Monday, 8, 59), slot, [slot], new QuotaLedger())
            .Single().Message.Should().Be("Held for 111 until 09:00 today");
        policy.WhyNot(Reception, At(Monday, 9), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Nhs111Caller, At(Monday, 9, 30), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Online, At(Monday, 9, 30), slot, [slot], new QuotaLedger())
            .Single().Should().BeOfType<NotReleasedToChannel>();
    }

    [Fact]
    public void RuleFor_SlotOverSessionOverService_MostSpecificWins()
    {
        var slot = Slot(Monday, 10, template: 7);
        var other = Slot(Monday, 10, template: 8);
        var service = ServiceRule(ReleaseTerms.Open, ChannelSelector.Online);
        var session = new ReleaseRule(2, ReleaseScope.ForSession(slot.Session.Source), EffectivePeriod.Always, [new(ChannelSelector.Reception)], ReleaseTerms.Open);
        var single = new ReleaseRule(3, ReleaseScope.ForSlot(slot.Id), EffectivePeriod.Always, [new(Nhs111Selector)], ReleaseTerms.Open);

        Policy([service, session, single]).RuleFor(slot).Should().Be(single);
        Policy([service, session]).RuleFor(slot).Should().Be(session);
        Policy([service, session, single]).RuleFor(other).Should().Be(service);

        // The winner applies whole: online, allowed by the service rule, is not allowed by the slot rule.
        Policy([service, session, single]).WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger())
            .Single().Should().BeOfType<NotReleasedToChannel>();
    }

    [Fact]
    public void WhyNot_RuleVersions_PastDayExplainedWithTheRuleThenInForce()
    {
        // Until 31 March online opened at 08:00 on the day; from 1 April, 07:00.
        var v1 = ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))), ChannelSelector.Online) with
        {
            Period = new EffectivePeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 31)),
        };
        var v2 = ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(7, 0))), ChannelSelector.Online) with
        {
            Id = 2,
            Period = new EffectivePeriod(new LocalDate(2026, 4, 1)),
        };
        var policy = Policy([v1, v2]);
        var monday = Slot(Monday, 10);
        var thursday = Slot(Monday.PlusDays(3), 10);

        policy.RuleFor(monday).Should().Be(v1);
        policy.RuleFor(thursday).Should().Be(v2);
        policy.WhyNot(Online, At(Monday, 7, 30), monday, [monday], new QuotaLedger())
            .Single().Message.Should().Be("Embargoed until 08:00 today");
    }

    [Fact]
    public void Evaluate_FairRelease_EveryChannelOpensAtTheSameInstant()
    {
        var slots = Session(Monday, 9, 6);
        var policy = Policy([ServiceRule(
            new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))),
            ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector)]);
        var callers = new[] { Reception, Online, Nhs111Caller };

        foreach (var caller in callers)
        {
            policy.Evaluate(caller, At(Monday, 8) - Duration.FromSeconds(1), slots, new QuotaLedger()).Offered.Should().BeEmpty();
            policy.Evaluate(caller, At(Monday, 8), slots, new QuotaLedger()).Offered.Should().BeEquivalentTo(slots);
        }
    }

    [Fact]
    public void Evaluate_ChannelOverride_GivesOnlyThatChannelAHeadStart()
    {
        var slot = Slot(Monday, 10);
        var rule = new ReleaseRule(
            1,
            ReleaseScope.ForService(1),
            EffectivePeriod.Always,
            [new(ChannelSelector.Reception, new ReleaseTerms(ReleaseTime.DaysBefore(7, LocalTime.Midnight))), new(ChannelSelector.Online)],
            new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))));
        var policy = Policy([rule]);

        policy.WhyNot(Reception, At(Monday, 7), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Online, At(Monday, 7), slot, [slot], new QuotaLedger()).Single().Should().BeOfType<Embargoed>();
    }

    [Fact]
    public void WhyNot_111DailyQuotaUsed_SaysWhichDay()
    {
        var slots = Session(Monday, 9, 6);
        var policy = Policy(
            [ServiceRule(ReleaseTerms.Open, Nhs111Selector)],
            [Nhs111Allocation.DailyQuota(1, Nhs111Selector, registeredPatients: 9_000)]);
        var ledger = new QuotaLedger();
        for (var i = 0; i < 3; i++)
        {
            ledger.Record(LedgerEntry.For(slots[i], Nhs111, OtherPatient));
        }

        var availability = policy.Evaluate(Nhs111Caller, At(Monday, 8), slots, ledger);

        availability.Offered.Should().BeEmpty();
        availability.ReasonsFor(slots[5].Id)!.Single().Message.Should().Be("111 quota for Monday used");
    }

    [Fact]
    public void WhyNot_QuotaOfOtherChannel_DoesNotCount()
    {
        var slots = Session(Monday, 9, 6);
        var policy = Policy(
            [ServiceRule(ReleaseTerms.Open, Nhs111Selector, ChannelSelector.Reception)],
            [new Quota(1, Nhs111Selector, QuotaPeriod.Day, QuotaLimit.Count(1))]);
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slots[0], Channel.Reception, OtherPatient));
        ledger.Record(LedgerEntry.For(slots[1], Channel.Reception, OtherPatient));

        policy.Evaluate(Nhs111Caller, At(Monday, 8), slots, ledger).Offered.Should().HaveCount(4);
    }

    [Fact]
    public void Evaluate_40PercentOfMondayGpSlotsOnline_FloorOfTheShare()
    {
        // 12 GP slots on Monday: 40% is 4.8, so 4 may be booked online.
        var slots = Session(Monday, 9, 12);
        var quota = new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(40)) { ServiceId = 1, OnlyOn = IsoDayOfWeek.Monday };
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], [quota]);
        var ledger = new QuotaLedger();
        for (var i = 0; i < 3; i++)
        {
            ledger.Record(LedgerEntry.For(slots[i], Channel.Online, OtherPatient));
        }

        policy.Evaluate(Online, At(Monday, 8), slots, ledger).Offered.Should().HaveCount(9);

        ledger.Record(LedgerEntry.For(slots[3], Channel.Online, OtherPatient));
        var full = policy.Evaluate(Online, At(Monday, 8), slots, ledger);
        full.Offered.Should().BeEmpty();
        full.ReasonsFor(slots[4].Id)!.Single().Should().BeOfType<QuotaUsed>().Which.Cap.Should().Be(4);
    }

    [Fact]
    public void Evaluate_QuotaOnlyOnMonday_DoesNotCapTuesday()
    {
        var tuesday = Session(Monday.PlusDays(1), 9, 2);
        var quota = new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Count(0)) { OnlyOn = IsoDayOfWeek.Monday };
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], [quota]);

        policy.Evaluate(Online, At(Monday, 8), tuesday, new QuotaLedger()).Offered.Should().HaveCount(2);
    }

    [Fact]
    public void Evaluate_PerSessionQuota_CountsEachSessionSeparately()
    {
        var morning = Session(Monday, 9, 3, template: 1);
        var afternoon = Session(Monday, 14, 3, template: 2);
        var quota = new Quota(1, ChannelSelector.Online, QuotaPeriod.Session, QuotaLimit.Count(1));
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], [quota]);
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(morning[0], Channel.Online, OtherPatient));

        var availability = policy.Evaluate(Online, At(Monday, 8), [.. morning, .. afternoon], ledger);

        availability.Offered.Should().BeEquivalentTo(afternoon);
        availability.ReasonsFor(morning[1].Id)!.Single().Message.Should().Be("online quota for this Monday session used");
    }

    [Fact]
    public void WhyNot_PatientHasTwoFutureAppointments_CapReached()
    {
        var slots = Session(Monday, 9, 4);
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], cap: new PatientCap(2, ChannelSelector.Everyone));
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slots[0], Channel.Reception, Patient));
        ledger.Record(LedgerEntry.For(slots[1], Nhs111, Patient));

        policy.WhyNot(Online, At(Monday, 8), slots[3], slots, ledger)
            .Single().Message.Should().Be("Patient already has 2 future appointments");
        policy.WhyNot(Online with { Patient = OtherPatient }, At(Monday, 8), slots[3], slots, ledger).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_PatientCapOnPastAppointments_DoesNotCount()
    {
        var slots = Session(Monday, 9, 4);
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online)], cap: new PatientCap(1, ChannelSelector.Online));
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slots[0], Channel.Online, Patient));

        policy.WhyNot(Online, At(Monday, 9, 5), slots[3], slots, ledger).Should().BeEmpty();
    }

    [Fact]
    public void WhyNot_PatientCapNotForReception_ReceptionMayStillBook()
    {
        var slots = Session(Monday, 9, 4);
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Online, ChannelSelector.Reception)], cap: new PatientCap(1, ChannelSelector.Online));
        var ledger = new QuotaLedger();
        ledger.Record(LedgerEntry.For(slots[0], Channel.Online, Patient));

        policy.WhyNot(new Caller(Channel.Reception, Patient), At(Monday, 8), slots[3], slots, ledger).Should().BeEmpty();
        policy.WhyNot(Online, At(Monday, 8), slots[3], slots, ledger).Single().Should().BeOfType<PatientCapReached>();
    }

    [Fact]
    public void WhyNot_SeveralProblems_ListsThemAll()
    {
        var slot = Slot(Monday.PlusDays(20), 10);
        var policy = Policy(
            [ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0)), BookingWindowDays: 14), ChannelSelector.Online)],
            [new Quota(1, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Count(0))]);

        policy.WhyNot(Online, At(Monday, 8), slot, [slot], new QuotaLedger())
            .Select(r => r.GetType())
            .Should().Equal(typeof(Embargoed), typeof(BeyondBookingWindow), typeof(QuotaUsed));
    }

    [Fact]
    public void Evaluate_OrganisationByOdsCode_MatchesOnlyThatOrganisation()
    {
        var slot = Slot(Monday, 10);
        var hub = Booking.Core.Organisations.OdsCode.Parse("Y0HUB");
        var policy = Policy([ServiceRule(ReleaseTerms.Open, ChannelSelector.Organisation(hub, "the hub"))]);

        policy.WhyNot(new Caller(Channel.ForOrganisation(hub, "hub")), At(Monday, 8), slot, [slot], new QuotaLedger()).Should().BeEmpty();
        policy.WhyNot(Nhs111Caller, At(Monday, 8), slot, [slot], new QuotaLedger()).Single().Should().BeOfType<NotReleasedToChannel>();
    }

    [Fact]
    public void Evaluate_UnknownSlot_HasNoVerdict()
    {
        var slot = Slot(Monday, 10);

        Policy().Evaluate(Reception, At(Monday, 8), [slot], new QuotaLedger())
            .ReasonsFor(SlotId.For(slot.Session, new LocalTime(11, 0))).Should().BeNull();
    }
}
