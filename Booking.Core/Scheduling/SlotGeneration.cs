using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>A slot the rota would produce but does not offer, and why.</summary>
/// <param name="Slot">The would-be slot, exactly as it would have been generated (same id).</param>
/// <param name="Reason">Why it is not offered.</param>
public sealed record SuppressedSlot(Slot Slot, SuppressionReason Reason);

/// <summary>
/// The result of <see cref="SlotGenerator.Generate"/> for a date range: slots and suppressed would-be slots,
/// both ordered by date, then session (templates by id, then one-offs by id), then start time. Because the
/// order is date-major, the result for a range is the concatenation of the results for its consecutive parts.
/// </summary>
public sealed class SlotGeneration
{
    private readonly Slot[] _slots;
    private readonly int[] _slotDayStarts;
    private readonly SuppressedSlot[] _suppressed;
    private readonly int[] _suppressedDayStarts;
    private readonly Lazy<Dictionary<SlotId, int>> _slotIndex;
    private readonly Lazy<Dictionary<SlotId, int>> _suppressedIndex;

    internal SlotGeneration(DateInterval dates, Slot[] slots, int[] slotDayStarts, SuppressedSlot[] suppressed, int[] suppressedDayStarts)
    {
        Dates = dates;
        _slots = slots;
        _slotDayStarts = slotDayStarts;
        _suppressed = suppressed;
        _suppressedDayStarts = suppressedDayStarts;
        _slotIndex = new(() => IndexById(_slots, s => s.Id));
        _suppressedIndex = new(() => IndexById(_suppressed, s => s.Slot.Id));
    }

    /// <summary>The dates generated, both ends inclusive.</summary>
    public DateInterval Dates { get; }

    /// <summary>Slots on offer as far as the rota goes (release rules decide who may book them).</summary>
    public ImmutableArray<Slot> Slots => ImmutableCollectionsMarshal.AsImmutableArray(_slots);

    /// <summary>Would-be slots that closures, leave, bank holidays, cancellations or the clock change remove.</summary>
    public ImmutableArray<SuppressedSlot> Suppressed => ImmutableCollectionsMarshal.AsImmutableArray(_suppressed);

    /// <summary>The slots on one date of <see cref="Dates"/>, in output order.</summary>
    public ImmutableArray<Slot> SlotsOn(LocalDate date) => Slice(_slots, _slotDayStarts, date);

    /// <summary>The suppressed would-be slots on one date of <see cref="Dates"/>.</summary>
    public ImmutableArray<SuppressedSlot> SuppressedOn(LocalDate date) => Slice(_suppressed, _suppressedDayStarts, date);

    /// <summary>The generated slot with <paramref name="id"/>, if it is offered.</summary>
    public bool TryGetSlot(SlotId id, [NotNullWhen(true)] out Slot? slot)
    {
        var found = _slotIndex.Value.TryGetValue(id, out var index);
        slot = found ? _slots[index] : null;
        return found;
    }

    /// <summary>The suppressed would-be slot with <paramref name="id"/>, if the rota withholds it.</summary>
    public bool TryGetSuppressed(SlotId id, [NotNullWhen(true)] out SuppressedSlot? suppressedSlot)
    {
        var found = _suppressedIndex.Value.TryGetValue(id, out var index);
        suppressedSlot = found ? _suppressed[index] : null;
        return found;
    }

    private ImmutableArray<T> Slice<T>(T[] items, int[] dayStarts, LocalDate date)
    {
        if (!Dates.Contains(date))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Only dates within {Dates} were generated.");
        }

        var day = Period.DaysBetween(Dates.Start, date);
        return ImmutableArray.Create(items, dayStarts[day], dayStarts[day + 1] - dayStarts[day]);
    }

    private static Dictionary<SlotId, int> IndexById<T>(T[] items, Func<T, SlotId> idOf)
    {
        var index = new Dictionary<SlotId, int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            index.Add(idOf(items[i]), i);
        }

        return index;
    }
}
