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
/// The 08:00 rush: a practice whose same-day GP slots open at 08:00 to reception, patients online and NHS 111 at
/// once. <see cref="Clinicians"/> GPs each hold <see cref="SlotsPerClinician"/> ten-minute slots from 08:30 every
/// weekday, so each day has <see cref="SlotsPerDay"/>. Online may take <see cref="OnlineSharePercent"/>% of them
/// (<see cref="OnlineDailyCap"/>), urgent-care organisations <see cref="UrgentCareDailyCap"/> a day; reception is
/// not capped. Written through <see cref="ConfigurationStore"/>, so every row is checked and audited as the app's are.
/// </summary>
public static class RushPractice
{
    public const string OdsCode = "Y90001";
    public const int Clinicians = 9;
    public const int SlotsPerClinician = 10;
    public const int SlotsPerDay = Clinicians * SlotsPerClinician;
    public const int OnlineSharePercent = 30;
    public const int OnlineDailyCap = OnlineSharePercent * SlotsPerDay / 100;
    public const int UrgentCareDailyCap = 10;
    public const string UrgentCareType = "urgent-care";

    public static readonly LocalTime ReleasedAt = new(8, 0);

    /// <summary>Monday 30 November 2026: ten weekdays from here hold no bank holiday, one per crash round.</summary>
    public static readonly LocalDate FirstDay = new(2026, 11, 30);

    private static readonly ActingParty Seeder = ActingParty.System("load-seed");

    /// <summary>The <paramref name="index"/>th weekday from <see cref="FirstDay"/> (0 is the Monday).</summary>
    public static LocalDate RushDay(int index)
    {
        var day = FirstDay;
        for (var i = 0; i < index; i++)
        {
            day = day.PlusDays(day.DayOfWeek == IsoDayOfWeek.Friday ? 3 : 1);
        }

        return day;
    }

    public static async Task SeedAsync(IDbContextFactory<BookingDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        var clock = RunningClock.At(FirstDay.At(new LocalTime(7, 0)), PracticeTime.Zone);
        var store = new ConfigurationStore(dbFactory, clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        await Seeded(store.SetPracticeAsync(new Practice(Core.Organisations.OdsCode.Parse(OdsCode), "Rush Test Practice", 9_000), Seeder, cancellationToken));
        var site = await Seeded(store.AddSiteAsync("Main surgery", Seeder, cancellationToken));
        var gp = await Seeded(store.AddServiceAsync(
            new ServiceDetails("GP appointment", SlotLength.FromMinutes(10), DeliveryMode.InPerson, NationalAppointmentCategory.GeneralConsultationRoutine, [PractitionerRole.Gp]),
            Seeder, cancellationToken));
        var morning = new LocalTimeRange(new LocalTime(8, 30), new LocalTime(8, 30).PlusMinutes(10 * SlotsPerClinician));
        for (var clinician = 1; clinician <= Clinicians; clinician++)
        {
            var practitioner = await Seeded(store.AddPractitionerAsync(new PractitionerDetails($"Dr Rush {clinician}", PractitionerRole.Gp), Seeder, cancellationToken));
            for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Friday; day++)
            {
                await Seeded(store.AddSessionTemplateAsync(
                    new WeeklySession(practitioner.Id, site.Id, day, SessionLayout.Uniform(morning, gp.Id, SlotLength.FromMinutes(10)), FirstDay),
                    Seeder, cancellationToken));
            }
        }

        var sameDayAtEight = new ReleaseTerms(ReleaseTime.OnTheDayAt(ReleasedAt));
        var urgentCare = ChannelSelectorSpec.ForOrganisationType(UrgentCareType, "111");
        await Seeded(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(
                ReleaseScope.ForService(gp.Id),
                [new ChannelReleaseSpec(ChannelSelectorSpec.Reception), new ChannelReleaseSpec(ChannelSelectorSpec.Online), new ChannelReleaseSpec(urgentCare)],
                sameDayAtEight),
            FirstDay, Seeder, cancellationToken));
        await Seeded(store.AddQuotaAsync(
            new QuotaSpec(ChannelSelectorSpec.Online, QuotaPeriod.Day, QuotaLimit.Share(OnlineSharePercent), gp.Id), FirstDay, Seeder, cancellationToken));
        await Seeded(store.AddQuotaAsync(
            new QuotaSpec(urgentCare, QuotaPeriod.Day, QuotaLimit.Count(UrgentCareDailyCap)), FirstDay, Seeder, cancellationToken));
    }

    /// <summary>A seeding step Core refused is a bug in this file: fail loudly.</summary>
    internal static async Task<T> Seeded<T>(Task<ConfigurationResult<T>> step)
    {
        var result = await step;
        return result.Succeeded ? result.Value : throw new InvalidOperationException("Load seed step refused: " + result.Message);
    }
}
