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
/// <param name="Violations">Every broken invariant, in words; empty when all hold.</param>
public sealed record LedgerVerdict(int Active, int Online, int UrgentCare, int Reception, IReadOnlyList<string> Violations)
{
    public bool Holds => Violations.Count == 0;
}

/// <summary>
/// Reads the appointments of a rush day straight from the SQLite file and checks the invariants the rush must keep:
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

        return new LedgerVerdict(rows.Count, online, urgentCare, rows.Count(r => r.ChannelKind == ChannelKind.Reception), violations);
    }
}
