using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Booking.Tests.Fhir;

public sealed class FhirAuditAndRateLimitTests : IAsyncLifetime
{
    private readonly LowLimitFactory _factory = new();
    private SmartClient _client = default!;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        _client = new SmartClient("audited-" + Guid.NewGuid().ToString("N")[..8], _factory.Clock);
        await using var db = _factory.Database.CreateContext();
        await _client.RegisterAsync(db, "system/*.rs");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _responses.AssertAllValidAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Request_WithRequestId_IsAuditedWithClientStatusAndId()
    {
        var token = await _client.GetTokenAsync(_http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Request-Id", "audit-me-1");

        (await _http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var entry = await WaitForAuditAsync("audit-me-1");
        entry.Actor.Should().Be(_client.ClientId);
        using var details = JsonDocument.Parse(entry.After!);
        details.RootElement.GetProperty("status").GetInt32().Should().Be(200);
        details.RootElement.GetProperty("path").GetString().Should().Be("/fhir/Organization/Y12345");
    }

    [Fact]
    public async Task Requests_OverTheClientsLimit_Get429OperationOutcome()
    {
        var token = await _client.GetTokenAsync(_http);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < LowLimitFactory.RequestsPerMinute + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Organization/Y12345");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            last = await _http.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        last!.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.Should().NotBeNull();
        var json = await last.Content.ReadAsStringAsync();
        json.Should().Contain("\"code\":\"throttled\"");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    private async Task<Booking.Data.Auditing.AuditEntry> WaitForAuditAsync(string requestId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var db = _factory.Database.CreateContext();
            var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Action == "fhir.request" && e.SubjectId == requestId);
            if (entry is not null)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No audit entry for request {requestId}.");
    }

    /// <summary>The app with a per-client limit small enough to reach in a test.</summary>
    private sealed class LowLimitFactory : BookingWebFactory
    {
        public const int RequestsPerMinute = 8;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Fhir:RateLimit:RequestsPerMinute", RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
