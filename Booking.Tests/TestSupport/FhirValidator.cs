using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Runs FHIR JSON through the official R4 JSON schema (npm package, installed by ./test.sh into
/// tools/fhir-validator) plus docs/fhir-contract.md's wire rules (no null, no empty string, array or object).
/// </summary>
public static class FhirValidator
{
    /// <summary>Validates resources; returns the validator's report, empty when every one is valid.</summary>
    public static async Task<string> ProblemsAsync(IEnumerable<string> resourcesJson)
    {
        var root = RepositoryRoot();
        var tool = Path.Combine(root, "tools", "fhir-validator");
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            throw new InvalidOperationException("The FHIR validator is not installed: run ./test.sh (it runs npm ci in tools/fhir-validator).");
        }

        var array = new JsonArray(resourcesJson.Select(json => JsonNode.Parse(json)).ToArray());
        var input = Path.Combine(Path.GetTempPath(), $"fhir-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, array.ToJsonString());
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(tool, "validate.js"), input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("Could not start node.");
            var output = await node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            return node.ExitCode == 0 ? "" : output + errors;
        }
        finally
        {
            File.Delete(input);
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Booking.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Booking.sln not found above the test output.");
    }
}
