using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Tests.Core.Release;

/// <summary>Slots, instants and patients for release, appointment and reporting tests (practice zone Europe/London).</summary>
internal static class TestSlots
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Monday 30 March 2026, the first weekday after the clocks go forward (BST).</summary>
    public static readonly LocalDate Monday = new(2026, 3, 30);

    public static readonly NhsNumber Patient = NhsNumber.Parse("9434765919");
    public static readonly NhsNumber OtherPatient = NhsNumber.Parse("9000000009");

    public static readonly Actor Receptionist = new("u1", "Rita Reception");

    public static Instant At(LocalDate date, int hour, int minute = 0) =>
        date.At(new LocalTime(hour, minute)).InZoneStrictly(London).ToInstant();

    /// <summary>A slot of <paramref name="minutes"/> minutes from <paramref name="hour"/>:<paramref name="minute"/> local.</summary>
    public static Slot Slot(
        LocalDate date,
        int hour,
        int minute = 0,
        int minutes = 10,
        int template = 1,
        int practitioner = 1,
        int site = 1,
        int service = 1)
    {
        var session = new SessionKey(new SessionSource(SessionSourceKind.Template, template), date);
        var localStart = date.At(new LocalTime(hour, minute));
        var localEnd = localStart.PlusMinutes(minutes);
        return new Slot(
            SlotId.For(session, localStart.TimeOfDay),
            session,
            practitioner,
            site,
            service,
            localStart,
            localEnd,
            new Interval(localStart.InZoneStrictly(London).ToInstant(), localEnd.InZoneStrictly(London).ToInstant()));
    }

    /// <summary><paramref name="count"/> consecutive slots from <paramref name="hour"/>:00.</summary>
    public static List<Slot> Session(LocalDate date, int hour, int count, int minutes = 10, int template = 1, int practitioner = 1, int service = 1) =>
        Enumerable.Range(0, count)
            .Select(i => Slot(date, hour + (i * minutes / 60), i * minutes % 60, minutes, template, practitioner, service: service))
            .ToList();

    public static PatientDetails PatientDetails(NhsNumber? number = null) =>
        new(number ?? Patient, "Jane Smith", new LocalDate(1980, 5, 17), "07700 900123");

    public static Channel Nhs111 => Channel.ForOrganisation(Booking.Core.Organisations.OdsCode.Parse("NHS111"), "urgent-care");

    public static ChannelSelector Nhs111Selector => ChannelSelector.OrganisationType("urgent-care", "111");

    public static ReleasePolicy Policy(
        IEnumerable<ReleaseRule>? rules = null,
        IEnumerable<Quota>? quotas = null,
        PatientCap? cap = null,
        IEnumerable<int>? unbookable = null) =>
        new(London, rules ?? [], quotas ?? [], cap, unbookable);

    /// <summary>A service-wide rule releasing service 1 to the given channels with shared terms.</summary>
    public static ReleaseRule ServiceRule(ReleaseTerms terms, params ChannelSelector[] channels) =>
        new(1, ReleaseScope.ForService(1), EffectivePeriod.Always, channels.Select(c => new ChannelRelease(c)).ToList(), terms);
}
