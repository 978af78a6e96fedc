using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Core.Appointments;
using Booking.Core.Release;
using NodaTime;
using NodaTime.Text;

namespace Booking.Load.Harness;

/// <summary>A registered SMART backend client with its current access token, as a load run uses it.</summary>
public sealed class FhirConsumer : IDisposable
{
    public const string Scopes = "system/Slot.rs system/Appointment.cru system/Appointment.rs system/*.rs";

    private FhirConsumer(SmartClient client, ChannelKind channel)
    {
        Client = client;
        Channel = channel;
    }

    public SmartClient Client { get; }

    public ChannelKind Channel { get; }

    public string Token { get; private set; } = "";

    /// <summary>Registers a consumer straight into the database, as the practice's <c>clients add</c> command would.</summary>
    public static async Task<FhirConsumer> RegisterAsync(LoadDatabase database, string clientId, ChannelKind channel, string? organisationType, IClock appClock)
    {
        var consumer = new FhirConsumer(new SmartClient(clientId, appClock), channel);
        await using var db = await database.Factory.CreateDbContextAsync();
        await consumer.Client.RegisterAsync(db, Scopes, organisationType: organisationType, channel: channel);
        return consumer;
    }

    /// <summary>Gets a fresh token from the running app (tokens last five minutes and do not outlive a restart's keys).</summary>
    public async Task RefreshTokenAsync(HttpClient http) => Token = await Client.GetTokenAsync(http);

    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? fhirJson = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (fhirJson is not null)
        {
            request.Content = new StringContent(fhirJson, Encoding.UTF8, "application/fhir+json");
        }

        return request;
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>What load runs send and read over FHIR.</summary>
public static class FhirWire
{
    private static readonly OffsetDateTimePattern Instant = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <summary>An HTTP client for many concurrent requests to one loopback app.</summary>
    public static HttpClient CreateHttp(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public static string Format(Instant instant, DateTimeZone zone) => Instant.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>A booking of <paramref name="slotId"/> for a patient new to the practice (a contained Patient).</summary>
    public static string Appointment(string slotId, string start, string end, string nhsNumber, string family = "Rush") => JsonSerializer.Serialize(new
    {
        resourceType = "Appointment",
        status = "booked",
        description = "Same-day GP appointment",
        contained = new object[]
        {
            new
            {
                resourceType = "Patient", id = "patient",
                identifier = new[] { new { system = "https://fhir.nhs.uk/Id/nhs-number", value = nhsNumber } },
                name = new[] { new { family, given = new[] { "Sam" } } },
                birthDate = "1980-05-17",
            },
        },
        start,
        end,
        slot = new[] { new { reference = "Slot/" + slotId } },
        participant = new[]
        {
            new { actor = new { identifier = new { system = "https://fhir.nhs.uk/Id/nhs-number", value = nhsNumber } }, status = "accepted" },
        },
    });

    /// <summary>The issue code and diagnostics of an OperationOutcome body; null when the body is not one.</summary>
    public static (string Code, string? SpineCode, string? Diagnostics)? ReadOutcome(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("resourceType", out var type) || type.GetString() != "OperationOutcome"
                || !root.TryGetProperty("issue", out var issues) || issues.ValueKind != JsonValueKind.Array || issues.GetArrayLength() == 0)
            {
                return null;
            }

            var issue = issues[0];
            var code = issue.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            var spine = issue.TryGetProperty("details", out var details) && details.TryGetProperty("coding", out var coding) && coding.GetArrayLength() > 0
                && coding[0].TryGetProperty("code", out var sc) ? sc.GetString() : null;
            var diagnostics = issue.TryGetProperty("diagnostics", out var d) ? d.GetString() : null;
            return (code, spine, diagnostics);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the response carries FHIR JSON, as every response under /fhir must.</summary>
    public static bool IsFhirJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/fhir+json";

    /// <summary>The appointment id in a <c>Location: …/Appointment/{id}/_history/{vid}</c> header.</summary>
    public static Guid? AppointmentIdFrom(HttpResponseMessage response)
    {
        var segments = response.Headers.Location?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.IndexOf(segments, "Appointment");
        return at >= 0 && at + 1 < segments.Length && Guid.TryParse(segments[at + 1], out var id) ? id : null;
    }

    public static bool IsServerError(HttpStatusCode status) => (int)status >= 500;
}

/// <summary>Valid, distinct NHS numbers for one run (check digit computed; numbers that have none are skipped).</summary>
public sealed class NhsNumberSource(int first)
{
    private int _next = first;

    public string Next()
    {
        while (true)
        {
            var nine = "9" + Interlocked.Increment(ref _next).ToString("D8", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
