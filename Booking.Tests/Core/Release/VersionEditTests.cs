using Booking.Core.Release;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Release;

/// <summary>
/// Version edits of effective-dated settings, as the release preview and the store both apply them. Today is Monday
/// 12 January 2026; version 1 has governed since 1 January, open-ended.
/// </summary>
public sealed class VersionEditTests
{
    private static readonly LocalDate Today = new(2026, 1, 12);
    private static readonly DatedVersion First = new(1, new EffectivePeriod(new LocalDate(2026, 1, 1)));

    [Fact]
    public void ReplaceVersion_FromNextWeek_EndsTheOldOneTheDayBeforeAndAddsTheNewOneToTheOldEnd()
    {
        var applied = new ReplaceVersion(1, Today.PlusWeeks(1)).Apply([First], newId: 2, Today);

        applied.Versions.Should().Equal(
            new DatedVersion(1, new EffectivePeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 18))),
            new DatedVersion(2, new EffectivePeriod(new LocalDate(2026, 1, 19)), ReplacesId: 1));
        applied.Added.Should().Be(applied.Versions[1]);
    }

    [Theory]
    [InlineData(2026, 1, 1, "A change must start after 2026-01-01")]
    [InlineData(2026, 1, 11, "It starts on 2026-01-11, which has passed")]
    public void ReplaceVersion_OnItsFirstDayOrInThePast_IsRefused(int year, int month, int day, string refusal)
    {
        var applied = new ReplaceVersion(1, new LocalDate(year, month, day)).Apply([First], newId: 2, Today);

        applied.Succeeded.Should().BeFalse();
        applied.Refusal.Should().StartWith(refusal);
        applied.Versions.Should().BeEmpty();
    }

    [Fact]
    public void ReplaceVersion_InThePastBySystem_IsMade()
    {
        new ReplaceVersion(1, new LocalDate(2026, 1, 5)).Apply([First], newId: 2, Today, laysDownHistory: true).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void AddVersion_Yesterday_IsRefused_Today_IsMade()
    {
        new AddVersion(Today.PlusDays(-1)).Apply([First], newId: 2, Today).Refusal.Should().Contain("past days keep the settings they had");
        new AddVersion(Today).Apply([First], newId: 2, Today).Added.Should().Be(new DatedVersion(2, new EffectivePeriod(Today)));
    }

    [Fact]
    public void EndVersion_IntoTheVersionThatReplacedIt_IsRefused()
    {
        var replaced = new ReplaceVersion(1, Today.PlusDays(7)).Apply([First], newId: 2, Today).Versions;

        var refused = new EndVersion(1, Today.PlusDays(10)).Apply(replaced, newId: 3, Today);

        refused.Refusal.Should().Be("It would overlap the version in force from 2026-01-19; change that version instead.");
    }

    [Theory]
    [InlineData(-1, "It ends on 2026-01-11, which has passed")]
    [InlineData(-12, "It cannot end before it starts (2026-01-01).")]
    public void EndVersion_BeforeTodayOrBeforeItStarts_IsRefused(int days, string refusal)
    {
        new EndVersion(1, Today.PlusDays(days)).Apply([First], newId: 2, Today).Refusal.Should().StartWith(refusal);
    }

    [Fact]
    public void EndVersion_Today_EndsIt_AndAnUnknownVersionIsGone()
    {
        new EndVersion(1, Today).Apply([First], newId: 2, Today).Versions.Single().Period.To.Should().Be(Today);
        new EndVersion(9, Today).Apply([First], newId: 2, Today).Refusal.Should().Be("That setting no longer exists; reload the page.");
    }

    [Fact]
    public void Apply_NewIdAlreadyInUse_Throws()
    {
        var apply = () => new AddVersion(Today).Apply([First], newId: 1, Today);

        apply.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Series_FollowsReplacementsBothWays_AndLeavesOtherSettingsOut()
    {
        var versions = new[]
        {
            new DatedVersion(1, new EffectivePeriod(new LocalDate(2026, 1, 1), new LocalDate(2026, 1, 9))),
            new DatedVersion(2, new EffectivePeriod(new LocalDate(2026, 1, 5))),
            new DatedVersion(3, new EffectivePeriod(new LocalDate(2026, 1, 10)), ReplacesId: 1),
        };

        VersionEdit.Series(versions, 3).Select(v => v.Id).Should().Equal(1, 3);
        VersionEdit.Series(versions, 2).Select(v => v.Id).Should().Equal(2);
    }

    [Theory]
    [InlineData(5, 12)]
    [InlineData(20, 21)]
    public void EarliestStart_OfAReplacement_IsTheLaterOfTodayAndTheDayAfterTheOldStart(int oldStartDay, int expectedDay)
    {
        VersionEdit.EarliestStart(Today, new EffectivePeriod(new LocalDate(2026, 1, oldStartDay))).Should().Be(new LocalDate(2026, 1, expectedDay));
    }

    /// <summary>Any sequence of adds, replacements and ends, made or refused, leaves no two versions of a series overlapping.</summary>
    [Property(MaxTest = 300)]
    public Property AnySequenceOfEdits_LeavesNoTwoVersionsOfASeriesOverlapping()
    {
        var edit =
            from kind in Gen.Choose(0, 2)
            from target in Gen.Choose(1, 8)
            from day in Gen.Choose(-20, 60)
            select (kind, target, day);
        return Prop.ForAll(edit.ListOf().ToArbitrary(), edits =>
        {
            var versions = new List<DatedVersion> { First };
            var today = Today;
            foreach (var (kind, target, day) in edits)
            {
                var date = Today.PlusDays(day);
                VersionEdit command = kind switch
                {
                    0 => new AddVersion(date),
                    1 => new ReplaceVersion(target, date),
                    _ => new EndVersion(target, date),
                };
                var applied = command.Apply(versions, versions.Max(v => v.Id) + 1, today);
                if (applied.Succeeded)
                {
                    versions = [.. applied.Versions];
                }

                today = today.PlusDays(1);
            }

            return versions.GroupBy(v => VersionEdit.Series(versions, v.Id)[0].Id).All(series => NoneOverlap([.. series]));
        });
    }

    private static bool NoneOverlap(List<DatedVersion> series)
    {
        var ordered = series.OrderBy(v => v.Period.From).ToList();
        return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Period.To is { } end && end < pair.Second.Period.From);
    }
}
