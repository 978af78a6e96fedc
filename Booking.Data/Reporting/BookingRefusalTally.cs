using System.Collections.Concurrent;
using System.Data.Common;
using Booking.Core.Release;
using Booking.Core.Reporting;
using Booking.Core.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Booking.Data.Reporting;

/// <summary>
/// Refused booking attempts of one reason, for slots of one date, through one channel group: what the report on how
/// fast each channel's slots go counts (issue 16). No patient, client or slot is kept, only the count.
/// </summary>
public sealed class BookingRefusalCountRow
{
    public LocalDate SlotDate { get; set; }

    public ChannelGroup Group { get; set; }

    public RefusalReason Reason { get; set; }

    public int Count { get; set; }
}

internal sealed class BookingRefusalCountRowConfiguration : IEntityTypeConfiguration<BookingRefusalCountRow>
{
    public void Configure(EntityTypeBuilder<BookingRefusalCountRow> builder)
    {
        builder.ToTable("BookingRefusalCounts");
        builder.HasKey(r => new { r.SlotDate, r.Group, r.Reason });
        builder.Property(r => r.Group).HasColumnName("ChannelGroup").HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>
/// Counts refused booking attempts in memory and adds them to <see cref="BookingRefusalCountRow"/>s in one write every
/// few seconds (<see cref="FlushAsync"/>, run by the web app's writer and when it stops). At the 08:00 rush hundreds of
/// attempts are refused within a second; a write each would queue them all behind the booking lock for a statistic.
/// A crash loses at most the counts since the last flush; readers add <see cref="Pending"/> so a report is current.
/// </summary>
public sealed class BookingRefusalTally(IDbContextFactory<BookingDbContext> dbFactory, ILogger<BookingRefusalTally> logger)
{
    private readonly ConcurrentDictionary<(LocalDate Date, ChannelGroup Group, RefusalReason Reason), int> _pending = new();
    private readonly SemaphoreSlim _flush = new(1, 1);

    /// <summary>Counts one refused attempt at <paramref name="slotId"/> through <paramref name="channel"/>; an id that names no date is not counted.</summary>
    public void Record(SlotId slotId, Channel channel, IReadOnlyCollection<WithheldReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(reasons);
        if (!SlotId.TryParse(slotId.Value, out _, out var session, out _))
        {
            return;
        }

        var key = (session.Date, ReportGrouping.GroupOf(channel, ReportQueries.Nhs111), ReportGrouping.ReasonOf(reasons));
        _pending.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    /// <summary>The counts not yet written, for slot dates in <paramref name="range"/>.</summary>
    public IReadOnlyList<RefusalCount> Pending(DateInterval range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return _pending
            .Where(pair => range.Contains(pair.Key.Date))
            .Select(pair => new RefusalCount(pair.Key.Date, pair.Key.Group, pair.Key.Reason, pair.Value))
            .ToList();
    }

    /// <summary>Adds the counts gathered since the last flush to the stored ones, in one write; on failure they are kept for the next.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flush.WaitAsync(cancellationToken);
        var taken = new List<RefusalCount>();
        try
        {
            foreach (var key in _pending.Keys)
            {
                // TryRemove takes the count atomically; an attempt counted meanwhile starts the counter again.
                if (_pending.TryRemove(key, out var count))
                {
                    taken.Add(new RefusalCount(key.Date, key.Group, key.Reason, count));
                }
            }

            if (taken.Count == 0)
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.Other, cancellationToken);
            var dates = taken.Select(t => t.Date).Distinct().ToList();
            var stored = await db.BookingRefusalCounts.Where(r => dates.Contains(r.SlotDate)).ToListAsync(cancellationToken);
            foreach (var count in taken)
            {
                var row = stored.SingleOrDefault(r => r.SlotDate == count.Date && r.Group == count.Group && r.Reason == count.Reason);
                if (row is null)
                {
                    db.BookingRefusalCounts.Add(new BookingRefusalCountRow { SlotDate = count.Date, Group = count.Group, Reason = count.Reason, Count = count.Count });
                }
                else
                {
                    row.Count += count.Count;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            taken.Clear();
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not write the booking refusal counts; they are kept for the next attempt");
        }
        finally
        {
            // Counts not written go back, so a failed write delays them rather than losing them.
            foreach (var count in taken)
            {
                _pending.AddOrUpdate((count.Date, count.Group, count.Reason), count.Count, (_, pending) => pending + count.Count);
            }

            _flush.Release();
        }
    }

    /// <summary>The stored counts for slot dates in <paramref name="range"/> plus those not yet written.</summary>
    public async Task<IReadOnlyList<RefusalCount>> ReadAsync(BookingDbContext db, DateInterval range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(range);
        var (first, last) = (range.Start, range.End);
        var stored = await db.BookingRefusalCounts.AsNoTracking()
            .Where(r => r.SlotDate >= first && r.SlotDate <= last)
            .ToListAsync(cancellationToken);
        return [.. stored.Select(r => new RefusalCount(r.SlotDate, r.Group, r.Reason, r.Count)), .. Pending(range)];
    }
}
