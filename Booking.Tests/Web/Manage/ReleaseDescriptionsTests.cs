using Booking.Core.Release;
using Booking.Core.WhatIf;
using Booking.Data.Release;
using Booking.Web.Components.Pages.Manage.Release;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

public sealed class ReleaseDescriptionsTests
{
    [Fact]
    public void Terms_OnlineOnTheDayWithWindowAndNotice_ReadsAsAManagerWouldSayIt() =>
        ReleaseDescriptions.Terms(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0)), 14, Duration.FromHours(1)))
            .Should().Be("from 08:00 on the day, up to 14 days ahead, at least 1 hour's notice");

    [Theory]
    [InlineData(1, "from 07:30 the day before")]
    [InlineData(2, "from 07:30, 2 days before")]
    public void Embargo_LocalTimeDaysBefore_NamesTheDay(int days, string expected) =>
        ReleaseDescriptions.Embargo(ReleaseTime.DaysBefore(days, new LocalTime(7, 30))).Should().Be(expected);

    [Fact]
    public void Terms_DurationEmbargoSameDayWindowPluralNotice_UsesPluralPossessive() =>
        ReleaseDescriptions.Terms(new ReleaseTerms(ReleaseTime.BeforeStart(Duration.FromHours(48)), 0, Duration.FromMinutes(90)))
            .Should().Be("from 2 days before the start, on the day only, at least 1 hour 30 minutes' notice");

    [Fact]
    public void Terms_NoLimits_IsAnyTime() => ReleaseDescriptions.Terms(ReleaseTerms.Open).Should().Be("any time");

    [Fact]
    public void ChannelLines_DefaultsWithOverride_EachChannelGetsItsEffectiveTerms() =>
        ReleaseDescriptions.ChannelLines(new ReleaseRuleSpec(
                ReleaseScope.ForService(1),
                [
                    new ChannelReleaseSpec(ChannelSelectorSpec.Reception),
                    new ChannelReleaseSpec(ChannelSelectorSpec.ForOrganisationType("urgent-care", "111"), new ReleaseTerms(MinimumNotice: Duration.FromMinutes(30))),
                ],
                new ReleaseTerms(BookingWindowDays: 1)))
            .Should().Equal("Reception: up to 1 day ahead", "111 (urgent-care organisations): up to 1 day ahead, at least 30 minutes' notice");

    [Fact]
    public void HandBack_OneHourToReception_SaysWhenUnbookedSlotsReturn() =>
        ReleaseDescriptions.HandBack(new HandBackSpec(Duration.FromHours(1), ChannelSelectorSpec.Reception))
            .Should().Be("Unbooked slots go back to reception 1 hour before the start.");

    [Theory]
    [InlineData(ChannelSelectorKind.Online, "Online patients")]
    [InlineData(ChannelSelectorKind.AnyOrganisation, "Any external organisation")]
    public void Channel_StandardSelectors_HavePlainNames(ChannelSelectorKind kind, string expected) =>
        ReleaseDescriptions.Channel(kind == ChannelSelectorKind.Online ? ChannelSelectorSpec.Online : ChannelSelectorSpec.AnyOrganisation)
            .Should().Be(expected);

    [Fact]
    public void Channel_OrganisationTypeWithoutName_NamesTheType() =>
        ReleaseDescriptions.Channel(ChannelSelectorSpec.ForOrganisationType("hub")).Should().Be("Hub organisations");

    [Fact]
    public void PatientCap_TwoForOnline_ReadsAsASentence() =>
        ReleaseDescriptions.PatientCap(new PatientCapSpec(2, ChannelSelectorSpec.Online))
            .Should().Be("A patient may hold at most 2 future appointments; online patients cannot book beyond that.");

    [Fact]
    public void OpeningChanges_OnlineMovesFromTheDayBeforeToOnTheDayAndReceptionDropped_SaysEach()
    {
        var before = Rule(
            new ChannelReleaseSpec(ChannelSelectorSpec.Reception),
            new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(ReleaseTime.DaysBefore(1, new LocalTime(18, 0)))));
        var after = Rule(new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0)))));

        ReleaseDescriptions.OpeningChanges(before, after).Should().Equal(
            "Online patients opening changes: from 08:00 on the day (was from 18:00 the day before).",
            "Reception can no longer book these slots.");
    }

    [Fact]
    public void OpeningChanges_OnlyAWindowChanges_SaysNothing() =>
        ReleaseDescriptions.OpeningChanges(
                Rule(new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(BookingWindowDays: 7))),
                Rule(new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(BookingWindowDays: 14))))
            .Should().BeEmpty();

    [Fact]
    public void OpeningChanges_ChannelAdded_SaysWhenItMayBook() =>
        ReleaseDescriptions.OpeningChanges(
                Rule(new ChannelReleaseSpec(ChannelSelectorSpec.Reception)),
                Rule(new ChannelReleaseSpec(ChannelSelectorSpec.Reception), new ChannelReleaseSpec(ChannelSelectorSpec.Online)))
            .Should().Equal("Online patients can now book these slots, any time.");

    [Fact]
    public void QuotaCaps_ReleaseGrowsPastTheQuota_SaysTheQuotaCapsIt() =>
        ReleaseDescriptions.QuotaCaps([
                Day(new WhatIfChannelDay("Online", new ChannelCapacity(0, 0), new ChannelCapacity(6, 2))),
                Day(new WhatIfChannelDay("Online", new ChannelCapacity(0, 0), new ChannelCapacity(6, 2)), new WhatIfChannelDay("Reception", new ChannelCapacity(6, 6), new ChannelCapacity(6, 6))),
            ])
            .Should().Equal("A quota caps Online: the change releases 12 slots to it, but its quotas let it book 4.");

    [Fact]
    public void QuotaCaps_CappedButUnchanged_SaysNothing() =>
        ReleaseDescriptions.QuotaCaps([Day(new WhatIfChannelDay("111", new ChannelCapacity(6, 3), new ChannelCapacity(6, 3)))]).Should().BeEmpty();

    private static ReleaseRuleSpec Rule(params ChannelReleaseSpec[] channels) => new(ReleaseScope.ForService(1), channels, ReleaseTerms.Open);

    private static WhatIfDay Day(params WhatIfChannelDay[] channels) => new(new LocalDate(2026, 11, 25), 6, 6, channels);
}
