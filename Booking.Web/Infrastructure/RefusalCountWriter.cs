using Booking.Data.Reporting;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Writes the refused booking attempts counted in memory every <c>Reports:RefusalCounts:FlushSeconds</c> (10 by
/// default) and once more when the app stops, so a restart loses none and a crash at most that many seconds' worth.
/// </summary>
internal sealed class RefusalCountWriter(BookingRefusalTally tally, IConfiguration configuration) : BackgroundService
{
    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Reports:RefusalCounts:FlushSeconds", 10)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await tally.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the counts gathered since the last tick are written before the host ends.
            await tally.FlushAsync(CancellationToken.None);
        }
    }
}
