using System.Globalization;

namespace Booking.Load.Harness;

/// <summary>A measured figure and the target docs/performance.md sets for it.</summary>
/// <param name="Name">e.g. <c>rush.p99_ms</c>.</param>
/// <param name="Value">What was measured.</param>
/// <param name="Unit">Its unit ("ms", "/s"), or empty.</param>
/// <param name="Target">The bound, e.g. "&lt;= 2000".</param>
/// <param name="Pass">Whether <paramref name="Value"/> meets <paramref name="Target"/>.</param>
public sealed record Figure(string Name, double Value, string Unit, string Target, bool Pass)
{
    public static Figure AtMost(string name, double value, string unit, double bound) =>
        new(name, value, unit, "<= " + bound.ToString("0.##", CultureInfo.InvariantCulture), value <= bound);

    public static Figure AtLeast(string name, double value, string unit, double bound) =>
        new(name, value, unit, ">= " + bound.ToString("0.##", CultureInfo.InvariantCulture), value >= bound);

    public static Figure Zero(string name, double value) => new(name, value, "", "== 0", value == 0);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Pass ? "PASS" : "FAIL")}  {Name,-34} {Value,10:0.##} {Unit,-6} (target {Target})");
}

/// <summary>The figures of a run, printed as they come, with details of anything that failed.</summary>
public sealed class Report(TextWriter output)
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public IReadOnlyList<string> Problems => _problems;

    public bool Passed => _figures.All(f => f.Pass) && _problems.Count == 0;

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        output.WriteLine(figure);
    }

    public void Note(string line) => output.WriteLine("      " + line);

    /// <summary>A failure that is not a figure (a broken invariant, a 5xx); at most a few of each kind are printed.</summary>
    public void Problem(string line)
    {
        _problems.Add(line);
        if (_problems.Count <= 40)
        {
            output.WriteLine("FAIL  " + line);
        }
    }
}
