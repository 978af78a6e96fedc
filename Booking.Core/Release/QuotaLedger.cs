using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Core.Release;

/// <summary>
/// One active (not cancelled) booking as the release rules see it: which slot it holds, who booked it through which
/// channel, and for whom. The data layer builds these from stored appointments.
/// </summary>
/// <param name="SlotId">The slot held.</param>
/// <param name="Session">The slot's session occurrence (gives per-session and per-day buckets).</param>
/// <param name="ServiceId">The slot's service.</param>
/// <param name="SlotStart">When the slot starts (for the patient's "future bookings").</param>
/// <param name="Channel">The channel it was booked through.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Appointment">The appointment holding the slot, when known: an appointment over several slots is one
/// booking for the patient cap, however many places it takes from quotas.</param>
public sealed record LedgerEntry(
    SlotId SlotId, SessionKey Session, int ServiceId, Instant SlotStart, Channel Channel, NhsNumber Patient, AppointmentId? Appointment = null)
{
    /// <summary>The slot's local date.</summary>
    public LocalDate Date => Session.Date;

    /// <summary>The entry for booking <paramref name="slot"/> on <paramref name="channel"/> for <paramref name="patient"/>.</summary>
    public static LedgerEntry For(Slot slot, Channel channel, NhsNumber patient, AppointmentId? appointment = null) =>
        new(slot.Id, slot.Session, slot.ServiceId, slot.Start, channel, patient, appointment);
}

/// <summary>
/// The current facts release rules are checked against: which slots hold an active booking, which channel took
/// each (to count quota use per session, day, service and channel), and each patient's bookings.
/// <para>Fill it from stored active appointments covering at least the dates being evaluated plus the patient's
/// future appointments (<see cref="Record"/> or <see cref="FromAppointments"/>), inside the same database
/// transaction as the booking it guards. Booking through <see cref="AppointmentBook"/> records into it and
/// cancelling removes from it, so a cancelled booking stops counting at once (rule 2).</para>
/// <para>Invariant: at most one entry per slot (rule 1); <see cref="Record"/> throws if broken, because stored data
/// with two active bookings in a slot means the database guard failed.</para>
/// Not thread-safe: one ledger per operation.
/// </summary>
public sealed class QuotaLedger
{
    private readonly Dictionary<SlotId, LedgerEntry> _bySlot = [];
    private readonly Dictionary<LocalDate, List<LedgerEntry>> _byDate = [];
    private readonly Dictionary<NhsNumber, List<LedgerEntry>> _byPatient = [];

    /// <summary>Every active booking recorded.</summary>
    public IReadOnlyCollection<LedgerEntry> Entries => _bySlot.Values;

    /// <summary>A ledger holding the active (not cancelled) ones among <paramref name="appointments"/>.</summary>
    public static QuotaLedger FromAppointments(IEnumerable<Appointment> appointments)
    {
        var ledger = new QuotaLedger();
        foreach (var appointment in appointments)
        {
            if (appointment.IsActive)
            {
                foreach (var entry in appointment.ToLedgerEntries())
                {
                    ledger.Record(entry);
                }
            }
        }

        return ledger;
    }

    /// <summary>Records an active booking.</summary>
    /// <exception cref="InvalidOperationException">The slot already holds an active booking.</exception>
    public void Record(LedgerEntry entry)
    {
        if (!_bySlot.TryAdd(entry.SlotId, entry))
        {
            throw new InvalidOperationException($"Slot {entry.SlotId} already holds an active booking.");
        }

        Bucket(_byDate, entry.Date).Add(entry);
        Bucket(_byPatient, entry.Patient).Add(entry);
    }

    /// <summary>Removes the booking holding <paramref name="slotId"/>; false when there was none.</summary>
    public bool Remove(SlotId slotId)
    {
        if (!_bySlot.Remove(slotId, out var entry))
        {
            return false;
        }

        _byDate[entry.Date].Remove(entry);
        _byPatient[entry.Patient].Remove(entry);
        return true;
    }

    /// <summary>The active booking in <paramref name="slotId"/>, if any.</summary>
    public LedgerEntry? HolderOf(SlotId slotId) => _bySlot.GetValueOrDefault(slotId);

    /// <summary>Whether <paramref name="slotId"/> holds an active booking.</summary>
    public bool IsBooked(SlotId slotId) => _bySlot.ContainsKey(slotId);

    /// <summary>Active bookings in slots dated <paramref name="date"/>.</summary>
    public IReadOnlyList<LedgerEntry> On(LocalDate date) =>
        _byDate.TryGetValue(date, out var entries) ? entries : [];

    /// <summary>Active bookings counted against <paramref name="bucket"/> of <paramref name="quota"/>.</summary>
    public int UsedIn(Quota quota, QuotaBucket bucket)
    {
        var used = 0;
        foreach (var entry in On(bucket.Date))
        {
            if ((bucket.Session is null || entry.Session == bucket.Session)
                && (quota.ServiceId is null || entry.ServiceId == quota.ServiceId)
                && quota.Channel.Matches(entry.Channel))
            {
                used++;
            }
        }

        return used;
    }

    /// <summary>The patient's active bookings, one entry per slot held.</summary>
    public IReadOnlyList<LedgerEntry> BookingsOf(NhsNumber patient) =>
        _byPatient.TryGetValue(patient, out var entries) ? entries : [];

    /// <summary>The patient's active bookings with a slot starting after <paramref name="now"/>; an appointment over several slots counts once.</summary>
    public int FutureBookingsOf(NhsNumber patient, Instant now) =>
        _byPatient.TryGetValue(patient, out var entries)
            ? entries.Where(e => e.SlotStart > now).Select(e => e.Appointment is { } appointment ? (object)appointment : e.SlotId).Distinct().Count()
            : 0;

    private static List<LedgerEntry> Bucket<TKey>(Dictionary<TKey, List<LedgerEntry>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}
