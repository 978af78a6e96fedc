using Booking.Core.Release;
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
}
