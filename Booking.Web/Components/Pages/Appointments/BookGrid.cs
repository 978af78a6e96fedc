using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using NodaTime;

namespace Booking.Web.Components.Pages.Appointments;

/// <summary>A clinician's column of the day grid.</summary>
/// <param name="PractitionerId">Whose slots the column holds.</param>
/// <param name="Name">The clinician's name, as the header shows it.</param>
/// <param name="Sites">Where the clinician works that day (one or more site names).</param>
public sealed record BookGridColumn(int PractitionerId, string Name, string Sites);

/// <summary>What a cell of the day grid holds: a slot that starts at the cell's time, or one that started earlier and runs on through it.</summary>
public readonly record struct BookGridEntry(BookSlot Slot, bool Starts);

/// <summary>One time of the day grid: a row of cells, one per column, null where the clinician has no slot then.</summary>
/// <param name="Index">The row's place from the top, from 0.</param>
/// <param name="Time">The practice-local time the row starts at.</param>
/// <param name="Cells">One entry per column of <see cref="BookGrid.Columns"/>, in the same order.</param>
public sealed record BookGridRow(int Index, LocalTime Time, IReadOnlyList<BookGridEntry?> Cells);

/// <summary>
/// The day view as receptionists know it from EMIS Web and SystmOne: time down the side, one column per clinician
/// working that day, a cell per slot start. Slots of different lengths share one time axis at the day's finest
/// granularity (the greatest common divisor of every start and length, in minutes); a slot longer than that fills the
/// rows below its start as a continuation. Pure layout: which slot is free or booked is <see cref="BookSlot"/>'s.
/// </summary>
public sealed class BookGrid
{
    private BookGrid(IReadOnlyList<BookGridColumn> columns, IReadOnlyList<BookGridRow> rows, int minutesPerRow)
    {
        Columns = columns;
        Rows = rows;
        MinutesPerRow = minutesPerRow;
    }

    public IReadOnlyList<BookGridColumn> Columns { get; }

    public IReadOnlyList<BookGridRow> Rows { get; }

    /// <summary>How many minutes one row covers.</summary>
    public int MinutesPerRow { get; }

    /// <summary>The grid of <paramref name="slots"/> (one day's, already filtered by site and clinician), clinicians by name.</summary>
    public static BookGrid Build(IReadOnlyList<BookSlot> slots, PracticeConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(config);
        if (slots.Count == 0)
        {
            return new BookGrid([], [], 0);
        }

        var columns = slots
            .GroupBy(s => s.Slot.PractitionerId)
            .Select(g => new BookGridColumn(
                g.Key,
                SlotSummary.Practitioner(config, g.Key),
                string.Join(", ", g.Select(s => s.Slot.SiteId).Distinct().Order().Select(site => SlotSummary.Site(config, site)))))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .ThenBy(c => c.PractitionerId)
            .ToList();
        var columnOf = columns.Select((c, index) => (c.PractitionerId, index)).ToDictionary(p => p.PractitionerId, p => p.index);

        var step = 0;
        foreach (var slot in slots)
        {
            step = Gcd(step, Gcd(MinuteOfDay(slot.Slot.LocalStart), LengthInMinutes(slot.Slot)));
        }

        // A day whose slots start on odd minutes would otherwise get a row a minute; five is the finest a book shows.
        step = Math.Max(step, 5);
        var first = slots.Min(s => MinuteOfDay(s.Slot.LocalStart)) / step * step;
        var last = slots.Max(s => MinuteOfDay(s.Slot.LocalStart) + LengthInMinutes(s.Slot));
        var rowCount = Math.Max(1, (last - first + step - 1) / step);
        var cells = new BookGridEntry?[rowCount, columns.Count];
        foreach (var slot in slots)
        {
            var column = columnOf[slot.Slot.PractitionerId];
            var startRow = (MinuteOfDay(slot.Slot.LocalStart) - first) / step;
            var rows = Math.Max(1, (LengthInMinutes(slot.Slot) + step - 1) / step);
            for (var row = startRow; row < Math.Min(rowCount, startRow + rows); row++)
            {
                // Where two slots collide (an appointment kept after a rota change), the one starting here wins the cell.
                if (cells[row, column] is null || (row == startRow && cells[row, column] is { Starts: false }))
                {
                    cells[row, column] = new BookGridEntry(slot, row == startRow);
                }
            }
        }

        var gridRows = new List<BookGridRow>(rowCount);
        for (var row = 0; row < rowCount; row++)
        {
            var entries = new BookGridEntry?[columns.Count];
            for (var column = 0; column < columns.Count; column++)
            {
                entries[column] = cells[row, column];
            }

            gridRows.Add(new BookGridRow(row, LocalTime.Midnight.PlusMinutes(first + row * step), entries));
        }

        return new BookGrid(columns, gridRows, step);
    }

    private static int MinuteOfDay(LocalDateTime local) => local.Hour * 60 + local.Minute;

    // Slots never span midnight, so the wall-clock difference is the length (a clock change happens at night).
    private static int LengthInMinutes(Slot slot) => (int)Period.Between(slot.LocalStart, slot.LocalEnd, PeriodUnits.Minutes).Minutes;

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
