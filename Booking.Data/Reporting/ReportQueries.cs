using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Reporting;

/// <summary>The practice's measures for one range of dates, with the configuration to name services and clinicians by.</summary>
/// <param name="Range">Slot dates reported, both ends inclusive.</param>
/// <param name="AsOf">When the reports were computed (third next available is measured from it).</param>
/// <param name="Configuration">The practice's configuration when computed.</param>
/// <param name="ByService">Utilisation per service id.</param>
/// <param name="ByPractitioner">Utilisation per practitioner id.</param>
/// <param name="ByDay">Utilisation per date that had bookable slots.</param>
/// <param name="Dna">DNA rates overall and by lead time.</param>
/// <param name="LeadTimes">Time from booking to appointment, one row per band.</param>
/// <param name="Channels">Channel share, one row per group.</param>
/// <param name="ThirdNextAvailable">Third next available appointment per service, from <paramref name="AsOf"/> (not the range).</param>
/// <param name="DemandCapacity">Demand against capacity for every date of the range.</param>
/// <param name="Uptake">How fast each outside channel's released slots went, per date of the range, with refused attempts.</param>
public sealed record PracticeReportSet(
    DateInterval Range,
    Instant AsOf,
    PracticeConfiguration Configuration,
    IReadOnlyList<UtilisationRow<int>> ByService,
    IReadOnlyList<UtilisationRow<int>> ByPractitioner,
    IReadOnlyList<UtilisationRow<LocalDate>> ByDay,
    DnaReport Dna,
    IReadOnlyList<LeadTimeRow> LeadTimes,
    IReadOnlyList<ChannelShareRow> Channels,
    IReadOnlyList<ThirdNextAvailableRow> ThirdNextAvailable,
    IReadOnlyList<DemandCapacityRow> DemandCapacity,
    IReadOnlyList<ChannelUptakeRow> Uptake);

/// <summary>
/// Loads what <see cref="PracticeReports"/> computes from: the slots the stored rota produces over the range (slots are
/// computed, never stored) and the appointments dated in it or booked during it. Third next available looks ahead from
/// now over <see cref="ThirdNextAvailableHorizonDays"/> days whatever range is asked for: it is about today's access.
/// </summary>
public sealed class ReportQueries(
    IDbContextFactory<BookingDbContext> dbFactory, PracticeConfigurationProvider configuration, BookingRefusalTally refusals, IClock clock)
{
    /// <summary>Longest range one report covers (a year), so one request cannot ask for decades of slots.</summary>
    public const int MaxRangeDays = 366;

    /// <summary>How far ahead third next available looks for free slots.</summary>
    public const int ThirdNextAvailableHorizonDays = 42;

    /// <summary>The organisation type NHS 111 books under; the channel share counts it as NHS 111 (as the release rules do).</summary>
    public const string Nhs111OrganisationType = "urgent-care";

    /// <summary>An ODS code no organisation has, standing for NHS 111 services not registered with the practice.</summary>
    private static readonly OdsCode UnregisteredNhs111 = OdsCode.Parse("UNKNOWN111");

    /// <summary>Which organisation bookings count as NHS 111 in the channel share.</summary>
    public static ChannelSelector Nhs111 { get; } = ChannelSelector.OrganisationType(Nhs111OrganisationType, "NHS 111");

    /// <summary>The reports for <paramref name="range"/>; null when no practice is configured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is longer than <see cref="MaxRangeDays"/>.</exception>
    public async Task<PracticeReportSet?> GetAsync(DateInterval range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Length > MaxRangeDays)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, $"Ask for at most {MaxRangeDays} days at a time.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var config = await configuration.GetAsync(db, cancellationToken);
        if (config is null)
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        var zone = config.Zone;
        var slots = SlotGenerator.Generate(config.Rota, range).Slots;
        var appointments = await AppointmentsAsync(db, range, zone, cancellationToken);
        var reports = new PracticeReports(zone, range, slots, appointments, IsBookable);
        var uptake = ChannelUptake.Compute(
            zone, range, slots, appointments, config.Policy, await UptakeChannelsAsync(db, cancellationToken), Nhs111,
            await refusals.ReadAsync(db, range, cancellationToken));

        var today = now.InZone(zone).Date;
        var horizon = new DateInterval(today, today.PlusDays(ThirdNextAvailableHorizonDays - 1));
        var ahead = new PracticeReports(
            zone, horizon, SlotGenerator.Generate(config.Rota, horizon).Slots, await AppointmentsAsync(db, horizon, zone, cancellationToken), IsBookable);

        return new PracticeReportSet(
            range,
            now,
            config,
            reports.UtilisationByService(),
            reports.UtilisationByPractitioner(),
            reports.UtilisationByDay(),
            reports.DidNotAttendRates(),
            reports.LeadTimes(),
            reports.ChannelShare(Nhs111),
            ahead.ThirdNextAvailable(now),
            reports.DemandAgainstCapacity(),
            uptake);

        bool IsBookable(int serviceId) => config.Service(serviceId)?.Service.IsBookable ?? false;
    }

    /// <summary>
    /// The channels that stand for each outside group when the uptake report asks what was released to it: online, and
    /// for NHS 111 every NHS 111 organisation registered as an API client plus an unregistered one of its type, so rules
    /// naming a service's ODS code and rules naming the type both count.
    /// </summary>
    private static async Task<IReadOnlyDictionary<ChannelGroup, IReadOnlyList<Channel>>> UptakeChannelsAsync(
        BookingDbContext db, CancellationToken cancellationToken)
    {
        var registered = await db.ApiClients.AsNoTracking()
            .Where(c => c.ChannelKind == ChannelKind.Organisation && c.OrganisationType == Nhs111OrganisationType)
            .Select(c => c.OdsCode)
            .Distinct()
            .ToListAsync(cancellationToken);
        IReadOnlyList<Channel> nhs111 =
        [
            .. registered.Select(code => OdsCode.TryParse(code, out var ods) ? Channel.ForOrganisation(ods.Value, Nhs111OrganisationType) : null).OfType<Channel>(),
            Channel.ForOrganisation(UnregisteredNhs111, Nhs111OrganisationType),
        ];
        return new Dictionary<ChannelGroup, IReadOnlyList<Channel>>
        {
            [ChannelGroup.Online] = [Channel.Online],
            [ChannelGroup.Nhs111] = nhs111,
        };
    }

    /// <summary>Appointments dated in <paramref name="range"/> or booked (created) on one of its local dates.</summary>
    private static async Task<List<Appointment>> AppointmentsAsync(
        BookingDbContext db, DateInterval range, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var (first, last) = (range.Start, range.End);
        var bookedFrom = first.AtStartOfDayInZone(zone).ToInstant();
        var bookedBefore = last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var rows = await db.Appointments.AsNoTracking().WithDetails()
            .Where(a => (a.SlotDate >= first && a.SlotDate <= last) || (a.CreatedAt >= bookedFrom && a.CreatedAt < bookedBefore))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return rows.Select(AppointmentMapping.ToAppointment).ToList();
    }
}
