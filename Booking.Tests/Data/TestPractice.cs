using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Tests.TestSupport;
using NodaTime;
using NodaTime.Testing;

namespace Booking.Tests.Data;

/// <summary>
/// A one-GP practice written through the configuration store: Monday sessions 08:00-11:20 of twenty 10-minute GP
/// slots at one site from 4 May 2026, released to reception and online, online capped at <see cref="OnlineDailyQuota"/>
/// a day. The clock starts on Friday 29 May 2026 at 09:00, before Monday 1 June.
/// </summary>
internal sealed record TestPractice(int SiteId, int PractitionerId, int ServiceId, SessionTemplate Template, int RuleId)
{
    public const int OnlineDailyQuota = 5;
    public const int SlotsPerSession = 20;

    public static readonly LocalDate Monday = new(2026, 6, 1);

    public static FakeClock Clock() => TestClock.At(new LocalDateTime(2026, 5, 29, 9, 0), PracticeTime.Zone);

    public static async Task<TestPractice> CreateAsync(ConfigurationStore store)
    {
        var by = DataStores.Setup;
        Require(await store.SetPracticeAsync(new Practice(OdsCode.Parse("Y99999"), "Test Practice", 6_000), by));
        var site = Require(await store.AddSiteAsync("Main surgery", by));
        var gp = Require(await store.AddPractitionerAsync(new PractitionerDetails("Dr Test", PractitionerRole.Gp), by));
        var service = Require(await store.AddServiceAsync(
            new ServiceDetails("GP appointment", SlotLength.FromMinutes(10), DeliveryMode.InPerson, NationalAppointmentCategory.GeneralConsultationRoutine, [PractitionerRole.Gp]), by));
        var template = Require(await store.AddSessionTemplateAsync(
            new WeeklySession(gp.Id, site.Id, IsoDayOfWeek.Monday,
                SessionLayout.Uniform(LocalTimeRange.Parse("08:00-11:20"), service.Id, SlotLength.FromMinutes(10)), new LocalDate(2026, 5, 4)), by));
        var rule = Require(await store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(service.Id), [new(ChannelSelectorSpec.Reception), new(ChannelSelectorSpec.Online)], ReleaseTerms.Open),
            new LocalDate(2026, 5, 4), by));
        Require(await store.AddQuotaAsync(
            new QuotaSpec(ChannelSelectorSpec.Online, QuotaPeriod.Day, QuotaLimit.Count(OnlineDailyQuota), service.Id), new LocalDate(2026, 5, 4), by));
        return new TestPractice(site.Id, gp.Id, service.Id, template, rule.Id);
    }

    /// <summary>The Monday slot starting at <paramref name="hour"/>:<paramref name="minute"/>.</summary>
    public SlotId Slot(int hour, int minute = 0, LocalDate? date = null) =>
        SlotId.For(new SessionKey(Template.Source, date ?? Monday), new LocalTime(hour, minute));

    /// <summary>All twenty slots of a Monday (<see cref="Monday"/> by default) in start order.</summary>
    public IReadOnlyList<SlotId> MondaySlots(LocalDate? date = null) =>
        Enumerable.Range(0, SlotsPerSession).Select(i => Slot(8 + (i * 10 / 60), i * 10 % 60, date)).ToList();

    private static T Require<T>(ConfigurationResult<T> result) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException("Test practice setup refused: " + result.Message);
}
