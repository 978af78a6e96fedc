using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Release;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Seeding;

/// <summary>
/// Riverside Medical Practice (ODS Y12345, about 9,000 patients), a believable demo for Development: two sites, three
/// GPs, a nurse, a healthcare assistant and a pharmacist, five services, a weekday rota from the start of the
/// <see cref="DemoHistory"/> (some weeks back) with
/// breaks and one alternate-weeks template, a protected-learning afternoon, and release rules where reception books
/// everything, patients online get a share of GP slots (and, from six weeks ago, of GP telephone slots), and urgent-care organisations (NHS 111) get their daily
/// allocation in a dedicated session every weekday that returns to reception an hour before it starts. Bank holidays
/// come from the England and Wales calendar. Written through <see cref="ConfigurationStore"/>, so every row is
/// checked by Core and audited as the <c>demo-seed</c> system actor.
/// </summary>
public static class DemoPractice
{
    public const string OdsCode = "Y12345";
    public const string Name = "Riverside Medical Practice";
    public const int RegisteredListSize = 9_000;

    /// <summary>The organisation type release rules give NHS 111 and other urgent-care services.</summary>
    public const string UrgentCareType = "urgent-care";

    /// <summary>How many weeks before this week's Monday GP telephone slots were released online (see <see cref="OnlineTelephoneFrom"/>).</summary>
    public const int OnlineTelephoneWeeksAgo = 6;

    private static readonly ActingParty Seeder = ActingParty.System("demo-seed");

    /// <summary>Seeds the practice unless the database already has one; true when it seeded.</summary>
    public static async Task<bool> SeedAsync(
        IDbContextFactory<BookingDbContext> dbFactory, ConfigurationStore store, IClock clock, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Practice.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        var today = PracticeTime.Today(clock);
        // The rota and rules start when the demo history does, so the past weeks have slots for the reports to measure.
        var monday = DemoHistory.FirstDate(today);
        var seed = new Seed(store, cancellationToken);

        await seed.Do(store.SetPracticeAsync(new Practice(Core.Organisations.OdsCode.Parse(OdsCode), Name, RegisteredListSize), Seeder, cancellationToken));
        var main = await seed.Do(store.AddSiteAsync("Main surgery", Seeder, cancellationToken));
        var branch = await seed.Do(store.AddSiteAsync("Riverside branch", Seeder, cancellationToken));

        var patel = await seed.Practitioner("Dr Anita Patel", PractitionerRole.Gp, new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "4712345"));
        var okafor = await seed.Practitioner("Dr James Okafor", PractitionerRole.Gp, new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "6098765"));
        var hughes = await seed.Practitioner("Dr Sarah Hughes", PractitionerRole.Gp, new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "7123456"));
        var clarke = await seed.Practitioner("Emma Clarke", PractitionerRole.Nurse, new PractitionerIdentifier(PractitionerIdentifierKind.Nmc, "09A1234E"));
        var reed = await seed.Practitioner("Tom Reed", PractitionerRole.HealthcareAssistant);
        var shah = await seed.Practitioner("Priya Shah", PractitionerRole.Pharmacist, new PractitionerIdentifier(PractitionerIdentifierKind.Gphc, "2087654"));

        var gp = await seed.Service("GP appointment", 10, DeliveryMode.InPerson, NationalAppointmentCategory.GeneralConsultationRoutine, PractitionerRole.Gp);
        var gpPhone = await seed.Service("GP telephone appointment", 10, DeliveryMode.Telephone, NationalAppointmentCategory.GeneralConsultationAcute, PractitionerRole.Gp);
        var diabetes = await seed.Service("Nurse diabetes review", 20, DeliveryMode.InPerson, NationalAppointmentCategory.PlannedClinics, PractitionerRole.Nurse);
        var flu = await seed.Service("Pharmacist flu jab", 5, DeliveryMode.InPerson, NationalAppointmentCategory.PlannedClinicalProcedure, PractitionerRole.Pharmacist);
        var blood = await seed.Service("Blood test (HCA)", 10, DeliveryMode.InPerson, NationalAppointmentCategory.PlannedClinicalProcedure, PractitionerRole.HealthcareAssistant);

        var urgentSessions = new List<SessionTemplate>();
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            await seed.Template(patel, main, day, Uniform("08:30-11:30", gp, 10, "10:30-10:40"), monday);
            await seed.Template(patel, main, day, Uniform("14:00-17:00", gpPhone, 10, "15:30-15:40"), monday);
            await seed.Template(okafor, main, day, Uniform("09:00-12:00", gp, 10, "10:30-10:40"), monday);
            await seed.Template(okafor, branch, day, Uniform("14:00-17:00", gp, 10, "15:30-15:40"), monday);
            await seed.Template(reed, main, day, Uniform("08:00-10:00", blood, 10), monday);

            // The urgent-care session: Dr Okafor's last half hour, one 10-minute slot per 3,000 patients.
            var urgentLength = Nhs111Allocation.SlotsPerDay(RegisteredListSize) * 10;
            var urgentTimes = new LocalTimeRange(new LocalTime(12, 0), new LocalTime(12, 0).PlusMinutes(urgentLength));
            urgentSessions.Add(await seed.Template(okafor, main, day, SessionLayout.Uniform(urgentTimes, gp.Id, SlotLength.FromMinutes(10)), monday));
        }

        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday })
        {
            await seed.Template(clarke, main, day, Uniform("09:00-12:00", diabetes, 20, "10:20-10:40"), monday);
        }

        foreach (var day in new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday })
        {
            await seed.Template(hughes, branch, day, Uniform("08:30-12:00", gp, 10, "10:20-10:30"), monday, WeekPattern.AlternateWeeks(monday));
            await seed.Template(shah, branch, day, Uniform("13:00-15:00", flu, 5), monday);
        }

        var learningAfternoon = LastWednesdayOnOrAfter(today.PlusWeeks(1));
        await seed.Do(store.AddClosureAsync(
            learningAfternoon, "Protected learning time", Seeder, LocalTimeRange.Parse("13:00-18:30"), cancellationToken: cancellationToken));

        var online = new ChannelReleaseSpec(ChannelSelectorSpec.Online);
        var reception = new ChannelReleaseSpec(ChannelSelectorSpec.Reception);
        var urgentCare = ChannelSelectorSpec.ForOrganisationType(UrgentCareType, "111");

        // GP appointments: reception any time; online up to 14 days ahead, each day opening at 08:00 fourteen days before.
        await seed.Do(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(
                ReleaseScope.ForService(gp.Id),
                [reception, online with { Overrides = new ReleaseTerms(ReleaseTime.DaysBefore(14, new LocalTime(8, 0)), BookingWindowDays: 14) }],
                ReleaseTerms.Open),
            monday, Seeder, cancellationToken));
        await seed.Do(store.AddQuotaAsync(new QuotaSpec(ChannelSelectorSpec.Online, QuotaPeriod.Day, QuotaLimit.Share(30), gp.Id), monday, Seeder, cancellationToken));

        // GP telephone: same-day access. At first reception only; from six weeks ago also online from 08:00 on the day, at
        // most half of the day's telephone slots: the change the impact report shows in the demo.
        var gpPhoneRule = await seed.Do(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(gpPhone.Id), [reception], ReleaseTerms.Open), monday, Seeder, cancellationToken));
        var onlineTelephoneFrom = OnlineTelephoneFrom(today);
        await seed.Do(store.ChangeReleaseRuleAsync(
            gpPhoneRule.Id,
            new ReleaseRuleSpec(
                ReleaseScope.ForService(gpPhone.Id),
                [reception, online with { Overrides = new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0))) }],
                ReleaseTerms.Open),
            onlineTelephoneFrom, Seeder, cancellationToken));
        await seed.Do(store.AddQuotaAsync(
            new QuotaSpec(ChannelSelectorSpec.Online, QuotaPeriod.Day, QuotaLimit.Share(50), gpPhone.Id), onlineTelephoneFrom, Seeder, cancellationToken));

        // Flu jabs: reception and online, up to four weeks ahead.
        await seed.Do(store.AddReleaseRuleAsync(
            new ReleaseRuleSpec(ReleaseScope.ForService(flu.Id), [reception, online], new ReleaseTerms(BookingWindowDays: 28)),
            monday, Seeder, cancellationToken));

        // Urgent care: the dedicated sessions belong to 111 until an hour before they start, then reception may book them.
        foreach (var session in urgentSessions)
        {
            await seed.Do(store.AddReleaseRuleAsync(
                new ReleaseRuleSpec(
                    ReleaseScope.ForSession(session.Source),
                    [new ChannelReleaseSpec(urgentCare)],
                    new ReleaseTerms(BookingWindowDays: 1),
                    new HandBackSpec(Duration.FromHours(1), ChannelSelectorSpec.Reception)),
                monday, Seeder, cancellationToken));
        }

        await seed.Do(store.AddQuotaAsync(
            new QuotaSpec(urgentCare, QuotaPeriod.Day, QuotaLimit.Count(Nhs111Allocation.SlotsPerDay(RegisteredListSize))), monday, Seeder, cancellationToken));

        // Patients booking themselves may hold at most two future appointments; reception can judge need.
        await seed.Do(store.SetPatientCapAsync(new PatientCapSpec(2, ChannelSelectorSpec.Online), monday, Seeder, cancellationToken));
        return true;
    }

    /// <summary>
    /// The date GP telephone slots were first released online: the Monday <see cref="OnlineTelephoneWeeksAgo"/> weeks before
    /// the Monday of <paramref name="today"/>'s week, halfway through the <see cref="DemoHistory"/>.
    /// </summary>
    public static LocalDate OnlineTelephoneFrom(LocalDate today) => DemoHistory.FirstDate(today).PlusWeeks(DemoHistory.Weeks - OnlineTelephoneWeeksAgo);

    private static SessionLayout Uniform(string times, Service service, int minutes, params string[] breaks) =>
        SessionLayout.Uniform(LocalTimeRange.Parse(times), service.Id, SlotLength.FromMinutes(minutes), breaks.Select(LocalTimeRange.Parse).ToArray());

    private static LocalDate LastWednesdayOnOrAfter(LocalDate date)
    {
        var lastOfMonth = date.With(DateAdjusters.EndOfMonth);
        var lastWednesday = lastOfMonth.DayOfWeek == IsoDayOfWeek.Wednesday ? lastOfMonth : lastOfMonth.Previous(IsoDayOfWeek.Wednesday);
        return lastWednesday >= date ? lastWednesday : LastWednesdayOnOrAfter(lastOfMonth.PlusDays(1));
    }

    /// <summary>Seeding steps that fail loudly: demo data Core refuses is a bug in this file.</summary>
    private sealed class Seed(ConfigurationStore store, CancellationToken cancellationToken)
    {
        public async Task<T> Do<T>(Task<ConfigurationResult<T>> step)
        {
            var result = await step;
            return result.Succeeded ? result.Value : throw new InvalidOperationException("Demo seed step refused: " + result.Message);
        }

        public Task<Practitioner> Practitioner(string name, PractitionerRole role, params PractitionerIdentifier[] identifiers) =>
            Do(store.AddPractitionerAsync(new PractitionerDetails(name, role, identifiers), Seeder, cancellationToken));

        public Task<Service> Service(string name, int minutes, DeliveryMode mode, NationalAppointmentCategory category, PractitionerRole role) =>
            Do(store.AddServiceAsync(new ServiceDetails(name, SlotLength.FromMinutes(minutes), mode, category, [role]), Seeder, cancellationToken));

        public Task<SessionTemplate> Template(
            Practitioner practitioner, Site site, IsoDayOfWeek day, SessionLayout layout, LocalDate from, WeekPattern? pattern = null) =>
            Do(store.AddSessionTemplateAsync(
                new WeeklySession(practitioner.Id, site.Id, day, layout, from, Pattern: pattern), Seeder, cancellationToken));
    }
}
