using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Booking.Load.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Booking.Load.Practices;

/// <summary>
/// A large practice for search throughput, the rota of Booking.Benchmarks' <c>PracticeFixture</c> written through
/// <see cref="ConfigurationStore"/>: 30 clinicians on two sites, a morning and an afternoon session every weekday
/// (12 GPs in 10-minute slots, 18 nurses in 15-minute slots, a break in each), every tenth on alternate weeks, and
/// a training afternoon. GP slots are released to reception, to patients online up to 14 days ahead and to
/// urgent-care organisations from 08:00 two days before; nurse slots to reception and online.
/// </summary>
public static class LargePractice
{
    public const string OdsCode = "Y90002";
    public const int Clinicians = 30;

    /// <summary>Monday 30 March 2026: the searched fortnight holds Good Friday and Easter Monday, as the availability benchmark's does.</summary>
    public static readonly LocalDate SearchFrom = new(2026, 3, 30);

    private static readonly ActingParty Seeder = ActingParty.System("load-seed");

    public static async Task SeedAsync(IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        var from = SearchFrom.PlusWeeks(-2);
        var clock = RunningClock.At(from.At(new LocalTime(7, 0)), PracticeTime.Zone);
        var store = new ConfigurationStore(dbFactory, clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        await RushPractice.Seeded(store.SetPracticeAsync(new Practice(Core.Organisations.OdsCode.Parse(OdsCode), "Large Test Practice", 30_000), Seeder, cancellationToken));
        var main = await RushPractice.Seeded(store.AddSiteAsync("Main surgery", Seeder, cancellationToken));
        var branch = await RushPractice.Seeded(store.AddSiteAsync("Branch surgery", Seeder, cancellationToken));
        var gp = await RushPractice.Seeded(store.AddServiceAsync(
            new ServiceDetails("GP appointment", SlotLength.FromMinutes(10), DeliveryMode.InPerson, NationalAppointmentCategory.GeneralConsultationRoutine, [PractitionerRole.Gp]),
            Seeder, cancellationToken));
        var nurse = await RushPractice.Seeded(store.AddServiceAsync(
            new ServiceDetails("Nurse appointment", SlotLength.FromMinutes(15), DeliveryMode.InPerson, NationalAppointmentCategory.PlannedClinics, [PractitionerRole.Nurse]),
            Seeder, cancellationToken));

        for (var clinician = 1; clinician <= Clinicians; clinician++)
        {
            var isGp = clinician <= 12;
            var (service, minutes) = isGp ? (gp, 10) : (nurse, 15);
            var practitioner = await RushPractice.Seeded(store.AddPractitionerAsync(
                new PractitionerDetails(isGp ? $"Dr Large {clinician}" : $"Nurse Large {clinician}", isGp ? PractitionerRole.Gp : PractitionerRole.Nurse), Seeder, cancellationToken));
            var site = clinician % 3 == 0 ? branch : main;
            var morning = SessionLayout.Uniform(
                Range(8, 30, 12, 0), service.Id, SlotLength.FromMinutes(minutes), [Range(10, 30, 10, 45 + (minutes == 10 ? 5 : 0))]);
            var afternoon = SessionLayout.Uniform(Range(14, 0, 18, 0), service.Id, SlotLength.FromMinutes(minutes), [Range(16, 0, 16, 30)]);
            var pattern = clinician % 10 == 0 ? WeekPattern.AlternateWeeks(from) : WeekPattern.EveryWeek;
            for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
            {
                foreach (var layout in new[] { morning, afternoon })
                {
                    await RushPractice.Seeded(store.AddSessionTemplateAsync(
                        new WeeklySession(practitioner.Id, site.Id, day, layout, from, Pattern: pattern), Seeder, cancellationToken));
                }
            }
        }

        await RushPractice.Seeded(store.AddClosureAsync(SearchFrom.PlusDays(2), "Training afternoon", Seeder, Range(13, 0, 18, 30), cancellationToken: cancellationToken));

        var reception = new ChannelReleaseSpec(ChannelSelectorSpec.Reception);
        var online = new ChannelReleaseSpec(ChannelSelectorSpec.Online, new ReleaseTerms(BookingWindowDays: 14));
        var urgentCare = new ChannelReleaseSpec(
            ChannelSelectorSpec.ForOrganisationType(RushPractice.UrgentCareType, "111"), new ReleaseTerms(ReleaseTime.DaysBefore(2, new LocalTime(8, 0))));
        await RushPractice.Seeded(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(gp.Id), [reception, online, urgentCare], ReleaseTerms.Open), from, Seeder, cancellationToken));
        await RushPractice.Seeded(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(nurse.Id), [reception, online], ReleaseTerms.Open), from, Seeder, cancellationToken));
        await RushPractice.Seeded(store.AddQuotaAsync(
            new QuotaSpec(ChannelSelectorSpec.Online, QuotaPeriod.Day, QuotaLimit.Share(40), gp.Id), from, Seeder, cancellationToken));
    }

    private static LocalTimeRange Range(int startHour, int startMinute, int endHour, int endMinute) =>
        new(new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute));
}
