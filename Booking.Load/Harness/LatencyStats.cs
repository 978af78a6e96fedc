namespace Booking.Load.Harness;

/// <summary>Percentiles of a set of latencies (nearest-rank), in milliseconds.</summary>
public sealed class LatencyStats
{
    private readonly double[] _sorted;

    public LatencyStats(IEnumerable<TimeSpan> latencies)
    {
        _sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Max => _sorted.Length == 0 ? 0 : _sorted[^1];

    public double Percentile(double percent)
    {
        if (_sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public override string ToString() => FormattableString.Invariant($"p50 {P50:F0} ms, p99 {P99:F0} ms, max {Max:F0} ms (n={Count})");
}
