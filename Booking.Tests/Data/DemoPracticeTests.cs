using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data.Seeding;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Booking.Tests.Data;

public sealed class DemoPracticeTests
{
    /// <summary>Tuesday 2 June 2026, 07:30 London: an ordinary weekday before the online 08:00 release.</summary>
    private static FakeClock TuesdayMorning() => TestClock.At(new LocalDateTime(2026, 6, 2, 7, 30), PracticeTime.Zone);

    private static readonly Channel Nhs111 = Channel.ForOrganisation(OdsCode.Parse("NHS111"), DemoPractice.UrgentCareType);

    [Fact]
    public async Task SeedAsync_EmptyDatabase_SeedsRiversideWithItsDailyUrgentCareAllocation()
    {
        using var stores = await DataStores.CreateAsync(TuesdayMorning());

        (await DemoPractice.SeedAsync(stores.Factory, stores.Store, stores.Clock)).Should().BeTrue();

        var config = (await stores.Configuration.GetAsync())!;
        config.Practice.Name.Should().Be("Riverside Medical Practice");
        config.Practice.OdsCode.Value.Should().Be("Y12345");
        config.Sites.Should().HaveCount(2);
        config.Practitioners.Select(p => p.Practitioner.Role).Distinct().Should().HaveCount(4);
        config.Services.Should().HaveCount(5);
        var today = new DateInterval(new LocalDate(2026, 6, 2), new LocalDate(2026, 6, 2));
        var forUrgentCare = await stores.Queries.GetAvailabilityAsync(new Caller(Nhs111), today);
        forUrgentCare.Offered.Should().HaveCount(Nhs111Allocation.SlotsPerDay(DemoPractice.RegisteredListSize));
        var forReception = await stores.Queries.GetAvailabilityAsync(new Caller(Channel.Reception), today);
        forReception.Verdicts.Where(v => forUrgentCare.Offered.Contains(v.Slot))
            .Should().OnlyContain(v => v.Reasons.Any(r => r is HeldForOtherChannel), "111's slots return to reception an hour before they start");
    }

    [Fact]
    public async Task SeedAsync_EveryWeekday_GivesUrgentCareItsSlotsAndKeepsBankHolidaysClosed()
    {
        // Monday 31 August 2026 is the summer bank holiday.
        using var stores = await DataStores.CreateAsync(TestClock.At(new LocalDateTime(2026, 8, 28, 7, 30), PracticeTime.Zone));
        await DemoPractice.SeedAsync(stores.Factory, stores.Store, stores.Clock);
        var config = (await stores.Configuration.GetAsync())!;

        var week = Booking.Core.Scheduling.SlotGenerator.Generate(config.Rota, new DateInterval(new LocalDate(2026, 8, 31), new LocalDate(2026, 9, 4)));

        week.SlotsOn(new LocalDate(2026, 8, 31)).Should().BeEmpty();
        week.SuppressedOn(new LocalDate(2026, 8, 31)).Should().NotBeEmpty().And.OnlyContain(s => s.Reason is Booking.Core.Scheduling.ClosedForBankHoliday);
        foreach (var date in new DateInterval(new LocalDate(2026, 9, 1), new LocalDate(2026, 9, 4)))
        {
            week.SlotsOn(date).Count(s => config.Policy.IsReleasedTo(Nhs111, s)).Should().Be(3, $"111 has its slots on {date}");
        }
    }

    [Fact]
    public async Task SeedAsync_DatabaseWithAPractice_ChangesNothing()
    {
        using var stores = await DataStores.CreateAsync(TuesdayMorning());
        await DemoPractice.SeedAsync(stores.Factory, stores.Store, stores.Clock);
        var audits = await stores.CountAsync(db => db.AuditEntries);

        var seededAgain = await DemoPractice.SeedAsync(stores.Factory, stores.Store, stores.Clock);

        seededAgain.Should().BeFalse();
        (await stores.CountAsync(db => db.AuditEntries)).Should().Be(audits);
    }
}
