using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Core.Time;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Data.Seeding;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The what-if preview of release changes over the demo practice on a real SQLite file (Tuesday 24 November 2026).</summary>
public sealed class ReleaseChangePreviewTests : IAsyncLifetime
{
    private static readonly LocalDate Wednesday = new(2026, 11, 25);
    private static readonly DateInterval TwoWeeks = new(Wednesday, Wednesday.PlusDays(13));
    private DataStores _stores = default!;
    private PracticeConfiguration _config = default!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestClock.At(new LocalDateTime(2026, 11, 24, 10, 5), PracticeTime.Zone));
        await DemoPractice.SeedAsync(_stores.Factory, _stores.Store, _stores.Clock);
        _config = (await _stores.Queries.GetConfigurationAsync())!;
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PreviewAsync_OnlineShareRaised_CountsOnlyThatServiceAndOnlineMayBookTheNewShare()
    {
        var (quota, gp) = OnlineGpQuota();
        var change = new ChangeQuota(quota.Id, gp, quota.Spec with { Limit = QuotaLimit.Share(60) }, Wednesday);

        var preview = await new ReleaseChangePreview(_stores.Queries).PreviewAsync(change, TwoWeeks);

        preview.Problem.Should().BeNull();
        preview.Services.Should().Equal("GP appointment");
        var day = preview.Result!.Days.Single(d => d.Date == Wednesday);
        day.ProposedSlots.Should().Be(day.CurrentSlots).And.BePositive();
        var online = day.Channels.Single(c => c.Channel == "Online");
        online.Current.WithinQuotas.Should().Be(Math.Min(online.Current.Released, 30 * day.CurrentSlots / 100));
        online.Proposed.WithinQuotas.Should().Be(Math.Min(online.Proposed.Released, 60 * day.ProposedSlots / 100));
        online.Proposed.WithinQuotas.Should().BeGreaterThan(online.Current.WithinQuotas);
        day.Channels.Single(c => c.Channel == "Reception").Proposed.Should().Be(day.Channels.Single(c => c.Channel == "Reception").Current);
        preview.Result.OutsideRelease.Should().BeEmpty();
    }

    [Fact]
    public async Task PreviewAsync_GpRuleEnded_OnlineLosesTheGpSlotsFromTheNextDayAndNothingIsSaved()
    {
        var rule = _config.RuleVersions.Single(r => r.Spec.Scope.ServiceId == _config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id);
        var change = new EndReleaseRule(rule.Id, rule.Spec.Scope, Wednesday);

        var preview = await new ReleaseChangePreview(_stores.Queries).PreviewAsync(change, TwoWeeks);

        var days = preview.Result!.Days;
        days.Single(d => d.Date == Wednesday).Channels.Single(c => c.Channel == "Online").Proposed.Released.Should().BePositive();
        var thursday = days.Single(d => d.Date == Wednesday.PlusDays(1)).Channels.Single(c => c.Channel == "Online");
        thursday.Current.Released.Should().BePositive();
        thursday.Proposed.Should().Be(new Booking.Core.WhatIf.ChannelCapacity(0, 0));
        (await _stores.Queries.GetConfigurationAsync())!.RuleVersions.Single(r => r.Id == rule.Id).EffectiveTo.Should().BeNull();
    }

    [Fact]
    public async Task PreviewAsync_ChangeStartingBeforeTheVersion_ExplainsTheProblemInsteadOfAPreview()
    {
        var (quota, gp) = OnlineGpQuota();
        var change = new ChangeQuota(quota.Id, gp, quota.Spec, quota.EffectiveFrom);

        var preview = await new ReleaseChangePreview(_stores.Queries).PreviewAsync(change, TwoWeeks);

        preview.Result.Should().BeNull();
        preview.Problem.Should().StartWith("A change must start after");
    }

    [Fact]
    public async Task SaveAsync_NewVersion_StoreEndsTheOldOneTheDayBefore()
    {
        var (quota, gp) = OnlineGpQuota();

        var outcome = await new ChangeQuota(quota.Id, gp, quota.Spec with { Limit = QuotaLimit.Share(60) }, Wednesday)
            .SaveAsync(_stores.Store, Booking.Data.Auditing.ActingParty.Staff("user-m", "Alex Morgan"));

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        var versions = (await _stores.Queries.GetConfigurationAsync())!.QuotaVersions;
        versions.Single(v => v.Id == quota.Id).EffectiveTo.Should().Be(Wednesday.PlusDays(-1));
        versions.Single(v => v.ReplacesId == quota.Id).Spec.Limit.Should().Be(QuotaLimit.Share(60));
    }

    [Fact]
    public async Task PreviewAsync_NewQuotaBelowWhatIsBooked_ListsTheDayAsOverTheLimit()
    {
        var gp = OnlineGpQuota().GpId;
        var wednesday = new DateInterval(Wednesday, Wednesday);
        var free = (await _stores.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), wednesday)).Offered
            .Where(s => s.ServiceId == gp).Take(2).ToList();
        for (var i = 0; i < free.Count; i++)
        {
            var booked = await _stores.Booking.BookAsync(new NewBooking(free[i].Id, DataStores.PatientDetails(i), Channel.Reception), DataStores.Receptionist);
            booked.Succeeded.Should().BeTrue(booked.Message);
        }

        var change = new AddQuota(new QuotaSpec(ChannelSelectorSpec.Reception, QuotaPeriod.Day, QuotaLimit.Count(1), gp), Wednesday);
        var preview = await new ReleaseChangePreview(_stores.Queries).PreviewAsync(change, TwoWeeks);

        preview.OverQuota.Should().ContainSingle().Which.Should().Be(new QuotaOverrun(Wednesday, null, "reception", 2, 1));
        preview.Result!.Days.Single(d => d.Date == Wednesday).Channels.Single(c => c.Channel == "Reception").Proposed.WithinQuotas.Should().Be(1);
    }

    private (QuotaVersion Quota, int GpId) OnlineGpQuota()
    {
        var gp = _config.Services.Single(s => s.Service.Name == "GP appointment").Service.Id;
        return (_config.QuotaVersions.Single(q => q.Spec.ServiceId == gp && q.Spec.Channel.Kind == ChannelSelectorKind.Online), gp);
    }
}
