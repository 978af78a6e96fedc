using System.Text.Json;
using System.Threading.Channels;
using Booking.Data;
using Booking.Data.Auditing;
using Booking.Web.Fhir.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Web.Fhir;

/// <summary>
/// Records every FHIR request in the audit log: client, ODS code, request id, NHS number (when the request
/// named one), action and outcome (docs/fhir-contract.md, Security). Entries are queued and written in batches by a
/// background writer, so a slot search does not wait for a database write; booking actions are audited
/// again, transactionally, by the booking service. NHS numbers go to the audit table only, never to logs.
/// </summary>
internal sealed class FhirRequestAudit(IDbContextFactory<BookingDbContext> dbFactory, IClock clock, ILogger<FhirRequestAudit> logger)
    : BackgroundService
{
    private const string NhsNumberItem = "fhir-audit-nhs-number";
    private const int BatchSize = 200;

    // Bounded so a flood cannot exhaust memory; a full queue waits the request briefly rather than drop evidence.
    private readonly Channel<AuditEntry> _queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Lets an endpoint name the patient a request was about, for the audit entry.</summary>
    public static void NoteNhsNumber(HttpContext context, string nhsNumber) => context.Items[NhsNumberItem] = nhsNumber;

    public ValueTask RecordAsync(HttpContext context)
    {
        var clientId = context.User.FindFirst(AccessTokens.ClientIdClaim)?.Value;
        // Only ids the pipeline accepted are stored; a refused one is recorded under the server's own trace id.
        var requestId = RequestIdHeaders.Read(context.Request.Headers, RequestIdHeaders.RequestId) ?? context.TraceIdentifier;
        var entry = AuditEntry.Record(
            clock.GetCurrentInstant(),
            clientId is null ? AuditActorKind.System : AuditActorKind.ApiClient,
            clientId ?? "anonymous",
            "fhir.request",
            "FhirRequest",
            requestId,
            before: null,
            after: JsonSerializer.Serialize(new
            {
                method = context.Request.Method,
                path = context.Request.Path.Value,
                query = context.Request.QueryString.Value,
                status = context.Response.StatusCode,
                requestId,
                correlationId = RequestIdHeaders.Read(context.Request.Headers, RequestIdHeaders.CorrelationId),
                nhsNumber = context.Items[NhsNumberItem] as string,
            }));
        return _queue.Writer.WriteAsync(entry, context.RequestAborted);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued before the host stops.
            await WriteAvailableAsync(batch, CancellationToken.None);
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
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not write {Count} FHIR request audit entries", batch.Count);
        }

        batch.Clear();
    }
}
