using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static Booking.Tests.Core.Release.TestSlots;

namespace Booking.Tests.Core.Appointments;

/// <summary>
/// Random sequences of bookings and cancellations by several channels and patients over two days of slots,
/// checked against the domain's invariants after every step.
/// </summary>
public class BookingPropertyTests
{
    private static readonly Channel[] Channels = [Channel.Reception, Channel.Online, Nhs111];

    private static readonly NhsNumber[] Patients =
        new[] { "9434765919", "9000000009", "4010232137", "4857773457", "1234567881" }.Select(NhsNumber.Parse).ToArray();

    // Two days, two sessions a day, two services.
    private static readonly List<Slot> Slots =
    [
        .. Session(Monday, 9, 6, template: 1, service: 1),
        .. Session(Monday, 14, 4, template: 2, service: 2),
        .. Session(Monday.PlusDays(1), 9, 6, template: 1, service: 1),
        .. Session(Monday.PlusDays(1), 14, 4, template: 2, service: 2),
    ];

    private static readonly Quota[] Quotas =
    [
        new(1, Nhs111Selector, QuotaPeriod.Day, QuotaLimit.Count(2)),
        new(2, ChannelSelector.Online, QuotaPeriod.Day, QuotaLimit.Share(40)) { ServiceId = 1 },
        new(3, ChannelSelector.Online, QuotaPeriod.Session, QuotaLimit.Count(1)) { ServiceId = 2 },
        new(4, ChannelSelector.Reception, QuotaPeriod.Session, QuotaLimit.Share(75)),
    ];

    private static readonly ReleasePolicy Everyone = Policy(
        [ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector) with { Id = 1 },
         ServiceRule(ReleaseTerms.Open, ChannelSelector.Reception, ChannelSelector.Online, Nhs111Selector) with { Id = 2, Scope = ReleaseScope.ForService(2) }],
        Quotas,
        new PatientCap(3, ChannelSelector.Online));

    private static readonly Instant Now = At(Monday, 7);

    /// <summary>Each int encodes one step: book (slot, channel, patient) or cancel the n-th active appointment.</summary>
    private static Arbitrary<int[]> Steps => Gen.Choose(0, int.MaxValue).ArrayOf().ToArbitrary();

    [Property]
    public Property BookAndCancel_AnySequence_QuotasNeverExceededAndOneActiveAppointmentPerSlot()
    {
        return Prop.ForAll(Steps, steps =>
        {
            var book = new AppointmentBook(Everyone);
            var ledger = new QuotaLedger();
            var appointments = new List<Appointment>();
            foreach (var step in steps)
            {
                Apply(book, ledger, appointments, step);
                if (!Invariants(ledger, appointments))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Property]
    public Property Cancel_ThenBookAgain_Succeeds()
    {
        // Whatever happened before: a booking that succeeded, once cancelled, can be made again at once,
        // because cancelling restores exactly the state the first booking was judged against.
        return Prop.ForAll(Steps, Steps, (history, attempts) =>
        {
            var book = new AppointmentBook(Everyone);
            var ledger = new QuotaLedger();
            var appointments = new List<Appointment>();
            foreach (var step in history)
            {
                Apply(book, ledger, appointments, step);
            }

            foreach (var attempt in attempts)
            {
                var request = Request(attempt);
                var first = book.Book(request, Slots, ledger, Now);
                if (!first.Succeeded)
                {
                    continue;
                }

                var cancelled = book.Cancel(first.Appointment, CancellationReason.PatientRequest, null, Receptionist, ledger, Now);
                var again = book.Book(request with { Id = new AppointmentId(Guid.NewGuid()) }, Slots, ledger, Now);
                if (!cancelled.Succeeded || !again.Succeeded)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Property]
    public Property Evaluate_AnyLedgerAndInstant_OffersExactlyTheSlotsWithoutReasons()
    {
        var embargoed = Policy(
            [ServiceRule(new ReleaseTerms(ReleaseTime.OnTheDayAt(new LocalTime(8, 0)), BookingWindowDays: 0, MinimumNotice: Duration.FromMinutes(30)), ChannelSelector.Online, Nhs111Selector)
                with { HandBack = new HandBack(Duration.FromHours(1), ChannelSelector.Reception) }],
            Quotas,
            new PatientCap(1, ChannelSelector.Everyone));
        var minutesIntoMonday = Gen.Choose(0, 2 * 24 * 60).ToArbitrary();
        var callers = Gen.Choose(0, (Channels.Length * Patients.Length) - 1).ToArbitrary();

        return Prop.ForAll(Steps, minutesIntoMonday, callers, (steps, minutes, callerIndex) =>
        {
            var book = new AppointmentBook(Everyone);
            var ledger = new QuotaLedger();
            var appointments = new List<Appointment>();
            foreach (var step in steps)
            {
                Apply(book, ledger, appointments, step);
            }

            var caller = new Caller(Channels[callerIndex % Channels.Length], Patients[callerIndex / Channels.Length]);
            var now = At(Monday, 0) + Duration.FromMinutes(minutes);
            var availability = embargoed.Evaluate(caller, now, Slots, ledger);
            var withoutReasons = Slots.Where(s => embargoed.WhyNot(caller, now, s, Slots, ledger).Count == 0).ToList();

            return availability.Offered.SequenceEqual(withoutReasons)
                && availability.Verdicts.All(v => v.IsOffered == (v.Reasons.Count == 0));
        });
    }

    private static void Apply(AppointmentBook book, QuotaLedger ledger, List<Appointment> appointments, int step)
    {
        var isCancel = step % 4 == 0;
        step /= 4;
        if (isCancel)
        {
            var active = appointments.Where(a => a.IsActive).ToList();
            if (active.Count == 0)
            {
                return;
            }

            var target = active[step % active.Count];
            var result = book.Cancel(target, CancellationReason.PatientRequest, null, Receptionist, ledger, Now);
            appointments[appointments.IndexOf(target)] = result.Appointment!;
            return;
        }

        var booked = book.Book(Request(step), Slots, ledger, Now);
        if (booked.Succeeded)
        {
            appointments.Add(booked.Appointment);
        }
    }

    /// <summary>A booking request decoded from a random int: slot, channel and patient.</summary>
    private static BookingRequest Request(int code)
    {
        var slot = Slots[code % Slots.Count];
        code /= Slots.Count;
        var channel = Channels[code % Channels.Length];
        code /= Channels.Length;
        var patient = PatientDetails(Patients[code % Patients.Length]);
        return new BookingRequest(new AppointmentId(Guid.NewGuid()), patient, slot, channel, Receptionist);
    }

    private static bool Invariants(QuotaLedger ledger, List<Appointment> appointments)
    {
        var active = appointments.Where(a => a.IsActive).ToList();
        var onePerSlot = active.GroupBy(a => a.Slot.Id).All(g => g.Count() == 1);
        var ledgerMatches = ledger.Entries.Select(e => e.SlotId).ToHashSet().SetEquals(active.Select(a => a.Slot.Id))
            && ledger.Entries.Count == active.Count;
        var withinQuotas = Quotas.All(quota => Slots.Where(quota.Governs).GroupBy(quota.BucketOf).All(bucket =>
        {
            var bookable = bucket.Count();
            var used = active.Count(a => quota.Governs(a.Slot) && quota.BucketOf(a.Slot) == bucket.Key && quota.Channel.Matches(a.Channel));
            return used <= quota.Limit.CapFor(bookable);
        }));
        return onePerSlot && ledgerMatches && withinQuotas;
    }
}
