using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Data.Storage;
using Booking.Web.Fhir.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Records FHIR requests in the audit log (docs/security.md, What is stored and audited).
/// <list type="bullet">
/// <item>A request from an authenticated client that was not refused gets one row: client, request id, status,
/// method, path and query (both cut to a bound), and the NHS number when the request named one. Entries are queued
/// and written in batches by a background writer, so a slot search does not wait for a database write; booking
/// actions are audited again, transactionally, by the booking service.</item>
/// <item>Anonymous requests (metadata, SMART configuration, a missing or bad token, the token endpoint) and requests
/// refused with 401, 403 or 429 are counted per minute, route and status, never stored one row each: an anonymous caller must
/// not be able to make us write without bound. The route is the endpoint's pattern, not the caller's path, so the
/// number of counters is bounded too.</item>
/// </list>
/// NHS numbers go to the audit table only, never to logs.
/// </summary>
internal sealed class FhirRequestAudit(
    IDbContextFactory<BookingDbContext> dbFactory, IClock clock, IConfiguration configuration, ILogger<FhirRequestAudit> logger)
    : BackgroundService
{
    public const string RequestAction = "fhir.request";
    public const string CountedAction = "fhir.requests.counted";

    /// <summary>Longer paths and queries are cut; a consumer's real searches are well under this.</summary>
    public const int PathMaxLength = 256;
    public const int QueryMaxLength = 512;

    private const string NhsNumberItem = "fhir-audit-nhs-number";
    private const int BatchSize = AuditBatch.MaxRowsPerStatement;

    /// <summary>
    /// How long the writer lets requests gather after the first one arrives. Written as they came, busy searches made
    /// batches of two or three rows, each paying for a context, a connection and a commit (docs/performance.md); after
    /// a fifth of a second a busy API writes a full batch. The rows wait in memory either way.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    // Bounded so a flood cannot exhaust memory; a full queue waits the request briefly rather than drop evidence.
    // Only authenticated requests that were not refused are queued, so the per-client rate limit bounds the flow.
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly ConcurrentDictionary<CountKey, long> _counts = new();
    private readonly SemaphoreSlim _countsFlush = new(1, 1);
    private Instant _countingSince = clock.GetCurrentInstant();

    private TimeSpan CountsFlushInterval =>
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Audit:RequestCounts:FlushSeconds", 60)));

    /// <summary>Lets an endpoint name the patient a request was about, for the audit entry.</summary>
    public static void NoteNhsNumber(HttpContext context, string nhsNumber) => context.Items[NhsNumberItem] = nhsNumber;

    public ValueTask RecordAsync(HttpContext context)
    {
        var clientId = context.User.FindFirst(AccessTokens.ClientIdClaim)?.Value;
        var status = context.Response.StatusCode;
        if (clientId is null || IsRefusal(status))
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no endpoint)";
            _counts.AddOrUpdate(new CountKey(clientId ?? "anonymous", context.Request.Method, route, status), 1, (_, count) => count + 1);
            return ValueTask.CompletedTask;
        }

        // Only ids the pipeline accepted are stored; a refused one is recorded under the server's own trace id.
        var requestId = RequestIdHeaders.Read(context.Request.Headers, RequestIdHeaders.RequestId) ?? context.TraceIdentifier;
        var path = context.Request.Path.Value ?? "";
        var query = context.Request.QueryString.Value ?? "";
        var entry = AuditEntry.Record(
            clock.GetCurrentInstant(),
            AuditActorKind.ApiClient,
            clientId,
            RequestAction,
            "FhirRequest",
            requestId,
            before: null,
            after: JsonSerializer.Serialize(new
            {
                method = context.Request.Method,
                path = Bounded(path, PathMaxLength),
                query = Bounded(query, QueryMaxLength),
                truncated = path.Length > PathMaxLength || query.Length > QueryMaxLength,
                status,
                requestId,
                correlationId = RequestIdHeaders.Read(context.Request.Headers, RequestIdHeaders.CorrelationId),
                nhsNumber = context.Items[NhsNumberItem] as string,
            }));
        return _queue.Writer.WriteAsync(entry, context.RequestAborted);
    }

    /// <summary>
    /// Writes one row per counter that moved since the last flush, with the window it covers. Runs every
    /// <c>Audit:RequestCounts:FlushSeconds</c> (60 by default) and when the host stops.
    /// </summary>
    public async Task FlushCountsAsync(CancellationToken cancellationToken)
    {
        await _countsFlush.WaitAsync(cancellationToken);
        try
        {
            var from = _countingSince;
            var to = clock.GetCurrentInstant();
            var rows = new List<AuditEntry>();
            foreach (var key in _counts.Keys)
            {
                // TryRemove takes the count atomically; a request counted meanwhile starts the counter again.
                if (_counts.TryRemove(key, out var count))
                {
                    rows.Add(AuditEntry.Record(
                        to,
                        key.Caller == "anonymous" ? AuditActorKind.System : AuditActorKind.ApiClient,
                        key.Caller,
                        CountedAction,
                        "FhirRequestCount",
                        key.Route,
                        before: null,
                        after: JsonSerializer.Serialize(new { from = from.ToString(), to = to.ToString(), method = key.Method, route = key.Route, status = key.Status, count })));
                }
            }

            _countingSince = to;
            if (rows.Count > 0)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await AuditBatch.InsertAsync(db, rows, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not write the FHIR request counts");
        }
        finally
        {
            _countsFlush.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var counting = CountAsync(stoppingToken);
        var batch = new List<AuditEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                await WriteAvailableAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued before the host stops.
            await WriteAvailableAsync(batch, CancellationToken.None);
        }

        await counting;
    }

    private async Task CountAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CountsFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushCountsAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            await FlushCountsAsync(CancellationToken.None);
        }
    }

    private async Task WriteAvailableAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (batch.Count == BatchSize)
            {
                await FlushAsync(batch, cancellationToken);
            }
        }

        await FlushAsync(batch, cancellationToken);
    }

    private async Task FlushAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            // Through the write gate, like every booking: a plain SaveChanges would take SQLite's write lock beside the
            // gate, and a booking holding the gate would then wait in SQLite's busy handler for this batch to commit.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var write = await WriteTransaction.BeginAsync(db, WriteTransaction.Operations.RequestAudit, cancellationToken);
            await AuditBatch.InsertAsync(db, batch, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not write {Count} FHIR request audit entries", batch.Count);
        }

        batch.Clear();
    }

    /// <summary>Refused before any work for the caller: no valid token, a revoked client, a missing scope, throttled.</summary>
    private static bool IsRefusal(int status) =>
        status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests;

    private static string Bounded(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];

    private readonly record struct CountKey(string Caller, string Method, string Route, int Status);
}
