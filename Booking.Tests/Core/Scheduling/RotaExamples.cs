using Booking.Core.Scheduling;
using NodaTime;

namespace Booking.Tests.Core.Scheduling;

/// <summary>A small practice to build test rotas from: ids and the usual sessions, named for the reader.</summary>
internal static class RotaExamples
{
    public const int DrPatel = 1;
    public const int NurseJones = 2;
    public const int MainSite = 1;
    public const int BranchSite = 2;
    public const int GpAppointment = 1;
    public const int NurseAppointment = 2;
    public const int AdminTime = 3;

    /// <summary>Monday 12 January 2026, an ordinary week.</summary>
    public static readonly LocalDate OrdinaryMonday = new(2026, 1, 12);

    public static LocalTimeRange Times(string text) => LocalTimeRange.Parse(text);

    public static SessionLayout Uniform(string times, int slotMinutes, params string[] breaks) =>
        SessionLayout.Uniform(Times(times), GpAppointment, SlotLength.FromMinutes(slotMinutes), [.. breaks.Select(Times)]);

    /// <summary>"Dr Patel, Main site, Monday 08:30–11:30, 10-minute GP slots, 11:00–11:10 break", every week from 2026.</summary>
    public static SessionTemplate PatelMondayMorning(int id = 1, WeekPattern? pattern = null, LocalDate? from = null, LocalDate? to = null) =>
        new(id, DrPatel, MainSite, IsoDayOfWeek.Monday, Uniform("08:30-11:30", 10, "11:00-11:10"), from ?? new LocalDate(2026, 1, 1), to, pattern);

    public static SessionTemplate Weekly(int id, int practitionerId, IsoDayOfWeek day, string times, int slotMinutes = 10, int siteId = MainSite) =>
        new(id, practitionerId, siteId, day, Uniform(times, slotMinutes), new LocalDate(2020, 1, 1));

    public static DateInterval Dates(LocalDate first, LocalDate last) => new(first, last);

    public static DateInterval Day(LocalDate date) => new(date, date);
}
