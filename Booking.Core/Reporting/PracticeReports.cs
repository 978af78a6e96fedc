using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Reporting;

/// <summary>
/// The practice's measures over a date range, computed from the slots the rota produced and the appointments
/// stored: plain rows for charts and CSV export. Pure: nothing is read from a clock or a database.
/// <para>Scope: a slot or appointment counts when its slot date is in <see cref="Range"/> (both ends inclusive),
/// except <see cref="DemandAgainstCapacity"/>'s bookings made, which go by the local date of booking.
/// "Active" means not cancelled. Appointments whose slot the rota no longer produces count in the
/// appointment-based measures (DNA, lead time, channel share) but not in utilisation, which is per slot.</para>
/// </summary>
public sealed class PracticeReports
{
    private readonly List<Slot> _bookableSlots;
    private readonly List<Appointment> _appointments;
    private readonly HashSet<SlotId> _heldSlots;

    /// <summary>Prepares the reports.</summary>
    /// <param name="zone">The practice time zone; booking dates and "today" are local to it.</param>
    /// <param name="range">Slot dates reported (inclusive).</param>
    /// <param name="slots">The slots the rota produced over at least <paramref name="range"/>.</param>
    /// <param name="appointments">Appointments with slots in the range, plus those booked during it (for demand).</param>
    /// <param name="isBookable">Whether a service's slots count as capacity (admin time does not); all count when omitted.</param>
    public PracticeReports(
        DateTimeZone zone,
        DateInterval range,
        IEnumerable<Slot> slots,
        IEnumerable<Appointment> appointments,
        Func<int, bool>? isBookable = null)
    {
        Zone = zone;
        Range = range;
        _bookableSlots = slots.Where(s => range.Contains(s.Date) && (isBookable?.Invoke(s.ServiceId) ?? true)).ToList();
        _appointments = appointments.ToList();
        _heldSlots = _appointments.Where(a => a.IsActive).Select(a => a.Slot.Id).ToHashSet();
    }

    /// <summary>The practice time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The slot dates reported, both ends inclusive.</summary>
    public DateInterval Range { get; }

    private IEnumerable<Appointment> InRange => _appointments.Where(a => Range.Contains(a.Slot.Date));

    private IEnumerable<Appointment> ActiveInRange => InRange.Where(a => a.IsActive);

    /// <summary>Utilisation per service, by service id.</summary>
    public IReadOnlyList<UtilisationRow<int>> UtilisationByService() => Utilisation(s => s.ServiceId);

    /// <summary>Utilisation per clinician, by practitioner id.</summary>
    public IReadOnlyList<UtilisationRow<int>> UtilisationByPractitioner() => Utilisation(s => s.PractitionerId);

    /// <summary>Utilisation per day, by date.</summary>
    public IReadOnlyList<UtilisationRow<LocalDate>> UtilisationByDay() => Utilisation(s => s.Date);

    /// <summary>
    /// DNA rate over appointments with a recorded outcome (arrived or fulfilled = attended; did-not-attend), overall and by
    /// lead-time band. Booked appointments in the past without an outcome are left out rather than guessed.
    /// </summary>
    public DnaReport DidNotAttendRates()
    {
        var outcomes = InRange
            .Where(a => a.Status is AppointmentStatus.Arrived or AppointmentStatus.Fulfilled or AppointmentStatus.DidNotAttend)
            .ToList();
        var byBand = Enum.GetValues<LeadTimeBand>()
            .Select(band => new DnaByLeadTime(band, Rate(outcomes.Where(a => BandOf(a) == band))))
            .ToList();
        return new DnaReport(Rate(outcomes), byBand);

        static DnaRate Rate(IEnumerable<Appointment> appointments)
        {
            var list = appointments.ToList();
            var dna = list.Count(a => a.Status == AppointmentStatus.DidNotAttend);
            return new DnaRate(list.Count - dna, dna);
        }
    }

    /// <summary>Time from booking to appointment of active appointments, one row per band in band order.</summary>
    public IReadOnlyList<LeadTimeRow> LeadTimes()
    {
        var active = ActiveInRange.ToList();
        return Enum.GetValues<LeadTimeBand>()
            .Select(band =>
            {
                var count = active.Count(a => BandOf(a) == band);
                return new LeadTimeRow(band, count, Share(count, active.Count));
            })
            .ToList();
    }

    /// <summary>Which channel groups active appointments were booked through, one row per group.</summary>
    /// <param name="nhs111">Which organisation channels count as NHS 111 (the same selector the release rules use).</param>
    public IReadOnlyList<ChannelShareRow> ChannelShare(ChannelSelector nhs111)
    {
        var active = ActiveInRange.ToList();
        return Enum.GetValues<ChannelGroup>()
            .Select(group =>
            {
                var count = active.Count(a => ReportGrouping.GroupOf(a.Channel, nhs111) == group);
                return new ChannelShareRow(group, count, Share(count, active.Count));
            })
            .ToList();
    }

    /// <summary>
    /// Third next available appointment per service: the days from <paramref name="from"/>'s local date until the
    /// third bookable slot that starts after <paramref name="from"/> and holds no active appointment. Counts capacity,
    /// whoever may book it; services are those with slots in the range, by id.
    /// </summary>
    /// <param name="from">The instant measured from (normally the injected clock's now).</param>
    public IReadOnlyList<ThirdNextAvailableRow> ThirdNextAvailable(Instant from)
    {
        var today = from.InZone(Zone).Date;
        return _bookableSlots
            .GroupBy(s => s.ServiceId)
            .OrderBy(g => g.Key)
            .Select(service =>
            {
                var third = service
                    .Where(s => s.Start > from && !_heldSlots.Contains(s.Id))
                    .OrderBy(s => s.Start)
                    .Skip(2)
                    .FirstOrDefault();
                return new ThirdNextAvailableRow(service.Key, third, third is null ? null : Period.DaysBetween(today, third.Date));
            })
            .ToList();
    }

    /// <summary>Capacity, bookings held and bookings made for each date of the range, in date order.</summary>
    public IReadOnlyList<DemandCapacityRow> DemandAgainstCapacity()
    {
        var capacity = _bookableSlots.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.Count());
        var booked = _bookableSlots.Where(s => _heldSlots.Contains(s.Id)).GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.Count());
        var made = _appointments.GroupBy(a => a.CreatedAt.InZone(Zone).Date).ToDictionary(g => g.Key, g => g.Count());
        return Range
            .Select(date => new DemandCapacityRow(
                date,
                capacity.GetValueOrDefault(date),
                booked.GetValueOrDefault(date),
                made.GetValueOrDefault(date)))
            .ToList();
    }

    /// <summary>The lead-time band of <paramref name="appointment"/>: local calendar days from booking to slot date.</summary>
    public LeadTimeBand BandOf(Appointment appointment) =>
        Period.DaysBetween(appointment.CreatedAt.InZone(Zone).Date, appointment.Slot.Date) switch
        {
            <= 0 => LeadTimeBand.SameDay,
            1 => LeadTimeBand.OneDay,
            <= 7 => LeadTimeBand.TwoToSevenDays,
            <= 14 => LeadTimeBand.EightToFourteenDays,
            _ => LeadTimeBand.OverFourteenDays,
        };

    private IReadOnlyList<UtilisationRow<TKey>> Utilisation<TKey>(Func<Slot, TKey> keyOf)
        where TKey : notnull =>
        _bookableSlots
            .GroupBy(keyOf)
            .OrderBy(g => g.Key)
            .Select(g => new UtilisationRow<TKey>(g.Key, g.Count(), g.Count(s => _heldSlots.Contains(s.Id))))
            .ToList();

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
