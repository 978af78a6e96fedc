using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>
/// Sits in a test's HttpClient and keeps every FHIR JSON body the app answers (NDJSON lines included), so a
/// test class can check, when each test ends, that every response the suite saw is valid R4 — not only the
/// ones a test chose to validate.
/// </summary>
public sealed class FhirResponseRecorder : DelegatingHandler
{
    private readonly List<string> _bodies = [];

    public static HttpClient CreateClient(WebApplicationFactory<Program> factory, out FhirResponseRecorder recorder)
    {
        recorder = new FhirResponseRecorder();
        return factory.CreateDefaultClient(recorder);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "application/fhir+json" or "application/fhir+ndjson")
        {
            // Buffered so the test can still read the body after it was recorded.
            await response.Content.LoadIntoBufferAsync();
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (_bodies)
            {
                _bodies.AddRange(mediaType == "application/fhir+json"
                    ? [body]
                    : body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return response;
    }

    /// <summary>Every recorded body passes Firely's validator against the core R4 profiles and the wire rules.</summary>
    public async Task AssertAllValidAsync()
    {
        string[] bodies;
        lock (_bodies)
        {
            bodies = [.. _bodies.Where(b => b.Length > 0)];
            _bodies.Clear();
        }

        if (bodies.Length > 0)
        {
            (await FhirValidator.ProblemsAsync(bodies)).Should().BeEmpty("every FHIR response must be valid R4");
        }
    }
}
