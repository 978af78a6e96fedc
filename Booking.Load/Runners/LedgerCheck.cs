using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Load.Harness;
using Booking.Load.Practices;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>What the database holds for a rush day, judged against what clients were told.</summary>
/// <param name="Active">Active (not cancelled) appointments on the day.</param>
/// <param name="Online">Of them, booked by patients online.</param>
/// <param name="UrgentCare">Of them, booked by urgent-care organisations (NHS 111).</param>
/// <param name="Reception">Of them, booked by reception.</param>
/// <param name="DoubleBookings">Slots booked more than once, and patients holding more than one appointment.</param>
/// <param name="QuotaBreaches">Quotas (online, urgent care) exceeded.</param>
/// <param name="Violations">Every broken invariant, in words (the doubles and breaches among them); empty when all hold.</param>
public sealed record LedgerVerdict(int Active, int Online, int UrgentCare, int Reception, int DoubleBookings, int QuotaBreaches, IReadOnlyList<string> Violations)
{
    public bool Holds => Violations.Count == 0;

    /// <summary>The other violations: acknowledged bookings missing, or bookings stored that nobody was told of.</summary>
    public int LostOrUnacknowledged => Violations.Count - DoubleBookings - QuotaBreaches;
}

/// <summary>
/// Reads the appointments of a rush day straight from the database (the SQLite file or the server's) and checks the invariants the rush must keep:
/// every slot booked at most once, no patient booked twice, the online and urgent-care quotas not exceeded, every
/// acknowledged booking present, and (when no reply was lost) nothing booked that nobody was told of.
/// </summary>
public static class LedgerCheck
{
    public static async Task<LedgerVerdict> VerifyAsync(LoadDatabase database, LocalDate day, IReadOnlySet<Guid> acknowledged, bool everyReplyArrived)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.SlotDate == day && a.Status != AppointmentStatus.Cancelled)
            .Select(a => new { a.Id, a.SlotId, a.ChannelKind, a.BookingOrganisationType, a.Patient.NhsNumber })
            .ToListAsync();

        var violations = new List<string>();
        violations.AddRange(rows.GroupBy(r => r.SlotId).Where(g => g.Count() > 1).Select(g => $"slot {g.Key} booked {g.Count()} times"));
        violations.AddRange(rows.GroupBy(r => r.NhsNumber).Where(g => g.Count() > 1).Select(g => $"one patient holds {g.Count()} appointments"));
        var doubleBookings = violations.Count;
        var online = rows.Count(r => r.ChannelKind == ChannelKind.Online);
        var urgentCare = rows.Count(r => r.ChannelKind == ChannelKind.Organisation && r.BookingOrganisationType == RushPractice.UrgentCareType);
        if (online > RushPractice.OnlineDailyCap)
        {
            violations.Add($"online quota exceeded: {online} > {RushPractice.OnlineDailyCap}");
        }

        if (urgentCare > RushPractice.UrgentCareDailyCap)
        {
            violations.Add($"urgent-care quota exceeded: {urgentCare} > {RushPractice.UrgentCareDailyCap}");
        }

        var quotaBreaches = violations.Count - doubleBookings;
        var stored = rows.Select(r => r.Id).ToHashSet();
        var missing = acknowledged.Where(id => !stored.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            violations.Add($"{missing.Count} acknowledged booking(s) missing, e.g. {missing[0]}");
        }

        if (everyReplyArrived && stored.Count != acknowledged.Count)
        {
            violations.Add($"{stored.Count} appointments stored but {acknowledged.Count} acknowledged");
        }

        return new LedgerVerdict(
            rows.Count, online, urgentCare, rows.Count(r => r.ChannelKind == ChannelKind.Reception), doubleBookings, quotaBreaches, violations);
    }
}
