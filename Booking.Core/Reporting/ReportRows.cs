using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Reporting;

/// <summary>Booked against bookable slots for one key (a service id, a practitioner id or a date).</summary>
/// <typeparam name="TKey">What the row is for.</typeparam>
/// <param name="Key">The service id, practitioner id or date.</param>
/// <param name="Bookable">Bookable slots.</param>
/// <param name="Booked">Of those, slots holding an active (not cancelled) appointment.</param>
public sealed record UtilisationRow<TKey>(TKey Key, int Bookable, int Booked)
{
    /// <summary>Booked ÷ bookable, 0 to 1; null when there were no bookable slots.</summary>
    public double? Rate => Bookable == 0 ? null : (double)Booked / Bookable;
}

/// <summary>How long before the appointment it was booked, in local calendar days.</summary>
public enum LeadTimeBand
{
    /// <summary>Booked on the day of the appointment.</summary>
    SameDay,

    /// <summary>Booked the day before.</summary>
    OneDay,

    /// <summary>2 to 7 days before.</summary>
    TwoToSevenDays,

    /// <summary>8 to 14 days before.</summary>
    EightToFourteenDays,

    /// <summary>More than 14 days before.</summary>
    OverFourteenDays,
}

/// <summary>Attended against did-not-attend appointments (those with a recorded outcome).</summary>
/// <param name="Attended">Arrived or fulfilled.</param>
/// <param name="DidNotAttend">Marked did-not-attend.</param>
public sealed record DnaRate(int Attended, int DidNotAttend)
{
    /// <summary>DNA ÷ (attended + DNA), 0 to 1; null when no outcomes were recorded.</summary>
    public double? Rate => Attended + DidNotAttend == 0 ? null : (double)DidNotAttend / (Attended + DidNotAttend);
}

/// <summary>The DNA rate overall and for each lead-time band (national figures: about 2% same day, 5% next day, 7–9% beyond a week).</summary>
/// <param name="Overall">All outcomes.</param>
/// <param name="ByLeadTime">One row per band, every band present, in band order.</param>
public sealed record DnaReport(DnaRate Overall, IReadOnlyList<DnaByLeadTime> ByLeadTime);

/// <summary>The DNA rate of appointments booked with one lead time.</summary>
/// <param name="Band">The lead-time band.</param>
/// <param name="Rate">Its outcomes.</param>
public sealed record DnaByLeadTime(LeadTimeBand Band, DnaRate Rate);

/// <summary>How many appointments were booked with one lead time.</summary>
/// <param name="Band">The band.</param>
/// <param name="Appointments">Active appointments in it.</param>
/// <param name="Share">Share of all active appointments, 0 to 1 (0 when there are none).</param>
public sealed record LeadTimeRow(LeadTimeBand Band, int Appointments, double Share);

/// <summary>The channel groups practices report on.</summary>
public enum ChannelGroup
{
    /// <summary>Reception desk and phone.</summary>
    Reception,

    /// <summary>Patients online.</summary>
    Online,

    /// <summary>NHS 111.</summary>
    Nhs111,

    /// <summary>Every other organisation (hubs, other urgent-care services).</summary>
    OtherOrganisations,
}

/// <summary>Appointments booked through one channel group.</summary>
/// <param name="Group">The group.</param>
/// <param name="Appointments">Active appointments booked through it.</param>
/// <param name="Share">Share of all active appointments, 0 to 1 (0 when there are none).</param>
public sealed record ChannelShareRow(ChannelGroup Group, int Appointments, double Share);

/// <summary>Third next available appointment for one service.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="ThirdFreeSlot">The third free slot after the instant asked about; null when the horizon holds fewer than three.</param>
/// <param name="Days">Local calendar days from the instant's date to that slot's date (0 = today); null with no third slot.</param>
public sealed record ThirdNextAvailableRow(int ServiceId, Slot? ThirdFreeSlot, int? Days);

/// <summary>Demand against capacity on one day.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Capacity">Bookable slots dated that day.</param>
/// <param name="Booked">Of those, slots holding an active appointment.</param>
/// <param name="BookingsMade">Appointments booked (created) that day for any date, including ones later cancelled:
/// the day's demand as the practice met it.</param>
public sealed record DemandCapacityRow(LocalDate Date, int Capacity, int Booked, int BookingsMade);
