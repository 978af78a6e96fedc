using System.Text.Json;
using Booking.Core.Appointments;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Web.Fhir.Mapping;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// <c>GET /fhir/Patient/{id}</c> and <c>GET /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|NNNNNNNNNN</c>: the
/// practice's record of a patient (identifier, name, birth date, phone). A client sees a patient only if it has booked an
/// appointment for them, the rule of <c>Appointment?patient=</c>: ids are guessable and NHS numbers are not secrets, so
/// neither may open the practice's list. Anyone else is unknown (404 on read, an empty searchset on search). Every
/// search, and every read that returns a patient, is audited as a read of that patient's record.
/// </summary>
internal static class PatientEndpoints
{
    public static async Task<IResult> ReadAsync(
        string id, HttpContext context, BookingQueries queries, IDbContextFactory<BookingDbContext> dbFactory, IClock clock)
    {
        var client = FhirCaller.Current(context);
        var record = FhirIds.TryParseId(id, out var patientId)
            ? await queries.FindPatientRecordBookedByAsync(client.ClientId, patientId, null, context.RequestAborted)
            : null;
        if (record is null)
        {
            return OperationOutcomes.NotFound($"Patient/{id} is not known here.");
        }

        FhirRequestAudit.NoteNhsNumber(context, record.Details.NhsNumber.Value);
        await AuditAsync(dbFactory, clock, client.ClientId, "patient.read", record.Details.NhsNumber, returned: 1, context.RequestAborted);
        context.Response.Headers.ETag = $"W/\"{FhirIds.Of(record.Version)}\"";
        return new FhirResult(StatusCodes.Status200OK, ToFhir(record));
    }

    public static async Task<IResult> SearchAsync(
        HttpContext context, BookingQueries queries, IDbContextFactory<BookingDbContext> dbFactory, IClock clock)
    {
        var client = FhirCaller.Current(context);
        var query = FhirQuery.Parse(context.Request.QueryString.Value);
        if (query.All("identifier") is not [var identifier, ..])
        {
            return OperationOutcomes.BadRequest($"Search by identifier={AppointmentMapper.NhsNumberSystem}|<NHS number>.");
        }

        var fhirBase = SlotSearch.FhirBase(context.Request);
        var selfUrl = fhirBase + "/Patient" + context.Request.QueryString.Value;
        var bar = identifier.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return OperationOutcomes.BadRequest($"identifier needs its system: identifier={AppointmentMapper.NhsNumberSystem}|<NHS number>.");
        }

        // Patients here are identified by NHS number only: another system names nobody (FHIR: no match, not an error).
        if (identifier[..bar] != AppointmentMapper.NhsNumberSystem)
        {
            return new FhirResult(StatusCodes.Status200OK, SlotSearch.Searchset(0, selfUrl, []));
        }

        if (!NhsNumber.TryParse(identifier[(bar + 1)..], out var nhsNumber, out var nhsProblem))
        {
            return OperationOutcomes.InvalidNhsNumberParameter(NhsNumber.Describe(nhsProblem));
        }

        FhirRequestAudit.NoteNhsNumber(context, nhsNumber.Value);
        var record = await queries.FindPatientRecordBookedByAsync(client.ClientId, null, nhsNumber, context.RequestAborted);
        await AuditAsync(dbFactory, clock, client.ClientId, "patient.searched", nhsNumber, returned: record is null ? 0 : 1, context.RequestAborted);
        List<R4.Bundle.EntryComponent> entries = record is null ? [] : [SlotSearch.Entry(fhirBase, ToFhir(record), R4.Bundle.SearchEntryMode.Match)];
        return new FhirResult(StatusCodes.Status200OK, SlotSearch.Searchset(entries.Count, selfUrl, entries));
    }

    public static R4.Patient ToFhir(PatientRecord record) => new()
    {
        Id = FhirIds.Of(record.Id),
        Meta = new R4.Meta { VersionId = FhirIds.Of(record.Version) },
        Identifier = [new R4.Identifier(AppointmentMapper.NhsNumberSystem, record.Details.NhsNumber.Value)],
        Name = [new R4.HumanName { Text = record.Details.Name }],
        BirthDate = record.Details.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Telecom = record.Details.Phone is { } phone
            ? [new R4.ContactPoint(R4.ContactPoint.ContactPointSystem.Phone, R4.ContactPoint.ContactPointUse.Home, phone)]
            : [],
    };

    private static async Task AuditAsync(
        IDbContextFactory<BookingDbContext> dbFactory, IClock clock, string clientId, string action, NhsNumber nhsNumber, int returned,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(
            clock.GetCurrentInstant(), AuditActorKind.ApiClient, clientId, action, "Patient", nhsNumber.Value,
            before: null, after: JsonSerializer.Serialize(new { returned })));
        await db.SaveChangesAsync(cancellationToken);
    }
}
