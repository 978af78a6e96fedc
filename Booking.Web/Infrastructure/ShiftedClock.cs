using System.Diagnostics;
using Booking.Core.Time;
using NodaTime;
using NodaTime.Text;

namespace Booking.Web.Infrastructure;

/// <summary>
/// A clock that reads <see cref="Start"/> when the app starts and then runs at real speed, so a demo or a browser test
/// sees the same practice day every time while "started" and "arrived" still move on. Development only: Program.cs
/// installs it from the <c>Booking:FixedNow</c> setting (a practice-local time, e.g. <c>2026-11-24T10:05</c>).
/// </summary>
internal sealed class ShiftedClock(Instant start) : IClock
{
    /// <summary>The setting that turns it on (Development only).</summary>
    public const string SettingName = "Booking:FixedNow";

    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();

    public Instant Start { get; } = start;

    public Instant GetCurrentInstant() => Start + Duration.FromTimeSpan(_sinceStart.Elapsed);

    /// <summary>
    /// The clock the app runs on: the system clock, or in Development with <see cref="SettingName"/> set, a shifted clock
    /// starting at that practice-local time (an ambiguous time on a clock-change night takes the earlier instant).
    /// </summary>
    public static IClock FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var setting = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(setting) || !environment.IsDevelopment())
        {
            return SystemClock.Instance;
        }

        var parsed = LocalDateTimePattern.GeneralIso.Parse(setting.Trim());
        if (!parsed.Success)
        {
            throw new InvalidOperationException($"{SettingName} must be a local date and time like 2026-11-24T10:05:00, not '{setting}'.");
        }

        return new ShiftedClock(parsed.Value.InZoneLeniently(PracticeTime.Zone).ToInstant());
    }
}
