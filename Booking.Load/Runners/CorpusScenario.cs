using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Load.Harness;
using Booking.Load.Practices;

namespace Booking.Load.Runners;

/// <summary>What the bad-input run found: every request that broke a rule, and the app's health afterwards.</summary>
public sealed record CorpusResult(int Sent, IReadOnlyList<string> ServerErrors, IReadOnlyList<string> NotOperationOutcome, IReadOnlyList<string> NoReply, bool HealthyAfter, TimeSpan Wall)
{
    /// <summary>Exception lines from the app's log, to say where a 5xx came from.</summary>
    public IReadOnlyList<string> AppExceptions { get; init; } = [];

    public bool Holds => ServerErrors.Count == 0 && NotOperationOutcome.Count == 0 && NoReply.Count == 0 && HealthyAfter;
}

/// <summary>
/// Sends <see cref="BadInputCorpus"/> to the app (issue 7, part 4): no answer may be a 5xx; every answer under
/// /fhir must be FHIR JSON, an OperationOutcome when it is an error (the token endpoint's OAuth errors excepted, by
/// contract); and /health and a valid search must still work afterwards.
/// </summary>
public static class CorpusScenario
{
    private const int Parallelism = 8;

    public static async Task<CorpusResult> RunAsync(int count, int seed, CancellationToken cancellationToken = default)
    {
        using var database = new LoadDatabase();
        await database.MigrateAsync();
        await RushPractice.SeedAsync(database.Factory, cancellationToken);
        var day = RushPractice.RushDay(0);
        var now = day.At(new NodaTime.LocalTime(9, 0));
        await using var app = await AppProcess.StartAsync(database.AppOptions(now, LoadSettings.ForApp));
        var clock = RunningClock.At(now, PracticeTime.Zone);
        using var consumer = await FhirConsumer.RegisterAsync(database, "load-corpus-111", ChannelKind.Organisation, RushPractice.UrgentCareType, clock);
        using var http = FhirWire.CreateHttp(app.BaseAddress);
        await consumer.RefreshTokenAsync(http);

        var (first, second) = await TwoFreeSlotsAsync(http, consumer, day);
        using (var book = consumer.Request(HttpMethod.Post, "/fhir/Appointment", FhirWire.Appointment(first.Id, first.Start, first.End, "9000000009")))
        using (var booked = await http.SendAsync(book, cancellationToken))
        {
            if (FhirWire.AppointmentIdFrom(booked) is not { } existing)
            {
                throw new InvalidOperationException($"Could not book the appointment the cancel requests aim at: {(int)booked.StatusCode}");
            }

            var corpus = new BadInputCorpus(seed, second.Id, second.Start, second.End, existing.ToString()).Generate(count).ToList();
            var result = await SendAsync(http, consumer, corpus, cancellationToken);
            return result with
            {
                AppExceptions = app.Output.Split('\n').Where(line => line.Contains("Exception", StringComparison.Ordinal)).Distinct().Take(10).ToList(),
            };
        }
    }

    private static async Task<CorpusResult> SendAsync(HttpClient http, FhirConsumer consumer, IReadOnlyList<BadRequest> corpus, CancellationToken cancellationToken)
    {
        var serverErrors = new ConcurrentBag<string>();
        var notOutcome = new ConcurrentBag<string>();
        var noReply = new ConcurrentBag<string>();
        var wall = Stopwatch.StartNew();

        // Tokens last five minutes: a fresh one for each chunk keeps a slow machine's run authorised throughout.
        foreach (var chunk in corpus.Chunk(400))
        {
            await consumer.RefreshTokenAsync(http);
            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (bad, ct) =>
            {
                using var request = Build(bad, consumer.Token);
                try
                {
                    using var response = await http.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if ((int)response.StatusCode >= 500)
                    {
                        serverErrors.Add($"{(int)response.StatusCode} for {bad.Describe()}");
                    }
                    else if (Problem(bad, response, body) is { } problem)
                    {
                        notOutcome.Add($"{problem} for {bad.Describe()}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    noReply.Add($"{ex.Message} for {bad.Describe()}");
                }
            });
        }

        var healthy = await HealthyAsync(http);
        return new CorpusResult(corpus.Count, serverErrors.ToList(), notOutcome.ToList(), noReply.ToList(), healthy, wall.Elapsed);
    }

    private static HttpRequestMessage Build(BadRequest bad, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.PathAndQuery);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
            }
        }

        if (bad.Authorization is not null)
        {
            if (bad.Authorization == BadRequest.ValidToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                request.Headers.TryAddWithoutValidation("Authorization", bad.Authorization);
            }
        }

        foreach (var (name, value) in bad.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Why the answer breaks the wire rules, or null when it keeps them.</summary>
    private static string? Problem(BadRequest bad, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (bad.IsRefusedByTheHttpServer)
        {
            return status == (int)HttpStatusCode.BadRequest ? null : $"{status} where Kestrel refuses with 400";
        }

        if (bad.IsTokenEndpoint)
        {
            return status >= 400 && !body.Contains("\"error\"", StringComparison.Ordinal) ? $"{status} without an OAuth error" : null;
        }

        if (!FhirWire.IsFhirJson(response))
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        }

        if (status >= 400)
        {
            return FhirWire.ReadOutcome(body) is null ? $"{status} without an OperationOutcome" : null;
        }

        if (body.Length == 0)
        {
            return status == (int)HttpStatusCode.Created ? null : $"{status} with an empty body";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("resourceType", out _) ? null : $"{status} with JSON that is no FHIR resource";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record FreeSlot(string Id, string Start, string End);

    private static async Task<(FreeSlot First, FreeSlot Second)> TwoFreeSlotsAsync(HttpClient http, FhirConsumer consumer, NodaTime.LocalDate day)
    {
        using var request = consumer.Request(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{day:yyyy-MM-dd}&start=le{day:yyyy-MM-dd}&_count=2");
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var slots = json.RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource"))
            .Select(r => new FreeSlot(r.GetProperty("id").GetString()!, r.GetProperty("start").GetString()!, r.GetProperty("end").GetString()!))
            .ToList();
        return (slots[0], slots[1]);
    }
}
