using System.Text.Json;
using Microsoft.Playwright;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Runs axe-core (npm, installed by ./test.sh into tools/axe) inside a page against WCAG 2.0/2.1 A and AA, and
/// returns the violations of serious or critical impact, one line each.
/// </summary>
public static class AxeScan
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var script = Path.Combine(FhirValidator.RepositoryRoot(), "tools", "axe", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("axe-core is not installed: run ./test.sh (it runs npm ci in tools/axe).");
        }

        // Evaluated through DevTools rather than added as a script tag: the app's content security policy refuses
        // inline scripts, as it should, and the scan must see the page under that policy.
        await page.EvaluateAsync(await File.ReadAllTextAsync(script));
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                return results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map(n => `${n.target.join(' ')} (${(n.failureSummary || '').replace(/\s+/g, ' ')})`).join(', ')}`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
