using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Firely.Fhir.Validation;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using R4 = Hl7.Fhir.Model;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Checks FHIR JSON in process: Firely's validator against the core R4 StructureDefinitions (cardinality, types,
/// required bindings, invariants) after a strict parse by the SDK, plus docs/fhir-contract.md's wire rules (no null,
/// no empty string, array or object), which a parsed resource can no longer show.
/// </summary>
public static class FhirValidator
{
    /// <summary>Bundles keep this many entries of each resource type for Firely; the rest are the same mapping with other ids and times.</summary>
    public const int BundleEntriesPerType = 5;

    // One validator for the whole test run: its first use unpacks the R4 specification and compiles schemas, which
    // takes seconds (../shared/STACK.md, trap 4); after that a resource takes about a millisecond.
    private static readonly Lazy<Validator> Shared = new(CreateValidator, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock ValidatorLock = new();

    // Strict, the SDK's default mode: what the server writes must parse under the strictest reading a consumer may use.
    private static readonly JsonSerializerOptions StrictFhirJson = new JsonSerializerOptions().ForFhir(R4.ModelInfo.ModelInspector);

    // Verdicts by body: the same response seen by many tests (metadata, 401s) is validated once per run.
    private static readonly ConcurrentDictionary<string, string> Verdicts = new(StringComparer.Ordinal);

    /// <summary>Validates resources; returns the problems found, empty when every one is valid.</summary>
    public static Task<string> ProblemsAsync(IEnumerable<string> resourcesJson)
    {
        var bodies = resourcesJson.ToList();
        // Validation is CPU-bound and, the first time, slow: keep it off the test's synchronization context.
        return Task.Run(() => string.Join(
            Environment.NewLine, bodies.Select(body => Verdicts.GetOrAdd(body, Check)).Where(problem => problem.Length > 0)));
    }

    private static string Check(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return "not JSON: " + ex.Message;
        }

        var problems = new List<string>();
        WireRuleProblems(node, "$", problems);
        if (node is JsonObject resource)
        {
            problems.AddRange(FirelyProblems(SampleBundle(resource).ToJsonString()));
        }
        else
        {
            problems.Add("$: a resource is a JSON object");
        }

        var label = node is JsonObject named ? $"{named["resourceType"]}/{named["id"]}" : "(not a resource)";
        return problems.Count == 0 ? "" : label + ":" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }

    private static IEnumerable<string> FirelyProblems(string json)
    {
        R4.Resource resource;
        var problems = new List<string>();
        try
        {
            resource = JsonSerializer.Deserialize<R4.Resource>(json, StrictFhirJson)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (DeserializationFailedException ex)
        {
            problems.AddRange(ex.Exceptions.Select(e => $"parse {e.ErrorCode}: {e.Message}"));
            if (ex.PartialResult is not R4.Resource partial)
            {
                return problems;
            }

            resource = partial;
        }

        R4.OperationOutcome outcome;
        lock (ValidatorLock)
        {
            outcome = Shared.Value.Validate(resource);
        }

        // Warnings are not failures: the UK Core extensions we use cannot be resolved offline (only the core R4
        // profiles are available), and best-practice invariants such as dom-6 (narrative) are warnings in R4.
        problems.AddRange(outcome.Issue
            .Where(issue => issue.Severity is R4.OperationOutcome.IssueSeverity.Error or R4.OperationOutcome.IssueSeverity.Fatal)
            .Select(issue => $"{issue.Severity} at {string.Join(", ", issue.Expression)}: {issue.Details?.Text ?? issue.Diagnostics}"));
        return problems;
    }

    /// <summary>
    /// A Bundle with thousands of slot entries costs seconds to validate and proves nothing more than a few of them
    /// (STACK.md, trap 4): keep the first <see cref="BundleEntriesPerType"/> entries of each resource type. The wire
    /// rules still see every entry.
    /// </summary>
    private static JsonObject SampleBundle(JsonObject resource)
    {
        if ((string?)resource["resourceType"] != "Bundle" || resource["entry"] is not JsonArray { Count: > BundleEntriesPerType } entries)
        {
            return resource;
        }

        var kept = entries
            .GroupBy(entry => (string?)entry?["resource"]?["resourceType"])
            .SelectMany(group => group.Take(BundleEntriesPerType))
            .Select(entry => entry?.DeepClone())
            .ToArray();
        var sample = resource.DeepClone().AsObject();
        sample["entry"] = new JsonArray(kept);
        return sample;
    }

    /// <summary>docs/fhir-contract.md: no null, no empty (or whitespace-only) string, no empty array or object anywhere.</summary>
    private static void WireRuleProblems(JsonNode? value, string path, List<string> problems)
    {
        switch (value)
        {
            case null:
                problems.Add($"{path}: null is not allowed");
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    problems.Add($"{path}: empty array is not allowed");
                }

                for (var i = 0; i < array.Count; i++)
                {
                    WireRuleProblems(array[i], $"{path}[{i}]", problems);
                }

                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    problems.Add($"{path}: empty object is not allowed");
                }

                foreach (var (key, child) in obj)
                {
                    WireRuleProblems(child, $"{path}.{key}", problems);
                }

                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(scalar.GetValue<string>()):
                problems.Add($"{path}: empty string is not allowed");
                break;
        }
    }

    private static Validator CreateValidator()
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
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
