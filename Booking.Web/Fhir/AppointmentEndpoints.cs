using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Mapping;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir;

/// <summary>
/// Booking, reading, cancelling and finding appointments through FHIR (docs/fhir-contract.md, Booking). The booking rules
/// are Booking.Core's, applied by <see cref="BookingService"/> in one write-locked transaction; this class
/// reads the request, maps the outcome to the contract's status codes and writes the response.
/// </summary>
internal static class AppointmentEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> CreateAsync(HttpContext context, BookingService bookings, BookingQueries queries)
    {
        var client = FhirCaller.Current(context);
        var (incoming, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var configuration = await queries.GetConfigurationAsync(context.RequestAborted);
        if (configuration is null)
        {
            return OperationOutcomes.ReferenceNotFound("This practice has no appointment book yet.");
        }

        var parsed = ParseBooking(incoming!);
        if (parsed.Problem is not null)
        {
            return parsed.Problem;
        }

        FhirRequestAudit.NoteNhsNumber(context, parsed.Patient!.NhsNumber.Value);
        var id = IdempotentId(client, context.Request);
        var isRetry = id is { } retryId && await queries.GetAppointmentAsync(retryId, context.RequestAborted) is not null;
        var outcome = await bookings.BookAsync(
            new NewBooking(parsed.SlotIds[0], parsed.Patient, client.Channel, id) {
                FollowingSlotIds = parsed.SlotIds.Skip(1).ToList(),
                StatedTimes = parsed.StatedTimes,
                SupportingInformation = parsed.SupportingInformation!,
            },
            ActingParty.ApiClient(client.ClientId, client.Name),
            context.RequestAborted);

        switch (outcome.Kind)
        {
            case BookingOutcomeKind.Booked:
                // A retry gets the original back with 200; the booking service never makes a second one.
                return Written(context, configuration, outcome.Appointment!, isRetry ? StatusCodes.Status200OK : StatusCodes.Status201Created);
            case BookingOutcomeKind.SlotNotFound:
                return OperationOutcomes.ReferenceNotFound(outcome.Message, "Appointment.slot");
            case BookingOutcomeKind.Refused when outcome.SlotTaken:
                return OperationOutcomes.Duplicate(outcome.Message);
            default:
                return OperationOutcomes.InvalidResource(outcome.Message, ExpressionOf(outcome.Field));
        }
    }

    public static async Task<IResult> ReadAsync(
        string id, HttpContext context, BookingQueries queries)
    {
        var client = FhirCaller.Current(context);

        var stored = Guid.TryParse(id, out var guid) ? await queries.GetAppointmentAsync(new AppointmentId(guid), context.RequestAborted) : null;
        var configuration = await queries.GetConfigurationAsync(context.RequestAborted);
        if (stored is null || configuration is null || !AppointmentMapper.WasMadeBy(stored.Appointment, client.ClientId))
        {
            // Another client's appointment is reported as unknown: its existence is not this client's business.
            return OperationOutcomes.NotFound($"Appointment/{id} is not known here.");
        }

        FhirRequestAudit.NoteNhsNumber(context, stored.Appointment.Patient.NhsNumber.Value);
        return Written(context, configuration, stored, StatusCodes.Status200OK);
    }

    public static async Task<IResult> UpdateAsync(
        string id, HttpContext context, BookingService bookings, BookingQueries queries)
    {
        var client = FhirCaller.Current(context);

        var stored = Guid.TryParse(id, out var guid) ? await queries.GetAppointmentAsync(new AppointmentId(guid), context.RequestAborted) : null;
        var configuration = await queries.GetConfigurationAsync(context.RequestAborted);
        if (stored is null || configuration is null || !AppointmentMapper.WasMadeBy(stored.Appointment, client.ClientId))
        {
            return OperationOutcomes.NotFound($"Appointment/{id} is not known here.");
        }

        FhirRequestAudit.NoteNhsNumber(context, stored.Appointment.Patient.NhsNumber.Value);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return OperationOutcomes.PreconditionRequired("Send If-Match with the appointment's ETag (W/\"<versionId>\") to cancel it.");
        }

        // A stale If-Match is 412 before anything else about the appointment or the body (docs/fhir-contract.md, Booking):
        // the client's copy is out of date, so whether the appointment can still be cancelled, or what the body
        // changes, is judged against a version it has not seen.
        if (ParseVersion(ifMatch) is not { } expectedVersion)
        {
            return OperationOutcomes.PreconditionFailed($"If-Match '{ifMatch}' is not a version of this appointment.");
        }

        if (expectedVersion != stored.Version)
        {
            return OperationOutcomes.PreconditionFailed($"The appointment has changed (version {stored.Version}); read it again before cancelling.");
        }

        var (incoming, problem) = await ReadAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        if (CancellationProblem(incoming!, stored, configuration) is { } invalid)
        {
            return invalid;
        }

        var outcome = await bookings.CancelAsync(
            stored.Appointment.Id, CancellationReason.BookingOrganisationRequest, incoming!.CancelationReason?.Text,
            ActingParty.ApiClient(client.ClientId, client.Name), expectedVersion, context.RequestAborted);
        return outcome.Kind switch
        {
            AppointmentChangeKind.Changed => Written(context, configuration, outcome.Appointment!, StatusCodes.Status200OK),
            AppointmentChangeKind.Conflict => OperationOutcomes.PreconditionFailed(outcome.Message),
            AppointmentChangeKind.NotFound => OperationOutcomes.NotFound(outcome.Message),
            _ => OperationOutcomes.InvalidResource(outcome.Message),
        };
    }

    /// <summary>
    /// <c>GET /fhir/Appointment?patient:identifier=...</c> (or <c>patient=Patient/{id}</c>, and <c>date=</c> on the start). A patient app (the online channel) sees only the
    /// appointments it booked itself: an NHS number is not a secret, so knowing one must not open a person's history.
    /// An organisation consumer (111, a hub) sees the patient's appointments that have not yet ended, whoever booked
    /// them, so a call handler can see that the patient is already booked; each such search is audited as a read of
    /// that patient's record, apart from the request log, and kept with the audit of changes.
    /// </summary>
    public static async Task<IResult> SearchAsync(
        HttpContext context, BookingQueries queries, IDbContextFactory<BookingDbContext> dbFactory, IClock clock)
    {
        var client = FhirCaller.Current(context);

        var query = FhirQuery.Parse(context.Request.QueryString.Value);
        var configuration = await queries.GetConfigurationAsync(context.RequestAborted);
        var zone = configuration?.Zone ?? Booking.Core.Time.PracticeTime.Zone;
        var dates = new List<FhirDateSearch>();
        foreach (var dateText in query.All("date"))
        {
            if (FhirDateSearch.TryParse("date", dateText, zone, out var dateProblem) is not { } date)
            {
                return OperationOutcomes.InvalidParameter(dateProblem!);
            }

            dates.Add(date);
        }

        if (PageCursor.ReadPaging(query, IsAppointmentId, out var count, out var after) is { } pagingProblem)
        {
            return pagingProblem;
        }

        NhsNumber? nhsNumber;
        if (query.All("patient:identifier") is [var identifier, ..])
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0 || identifier[..bar] != AppointmentMapper.NhsNumberSystem)
            {
                return OperationOutcomes.InvalidParameter($"patient:identifier must use the system {AppointmentMapper.NhsNumberSystem}.");
            }

            if (!NhsNumber.TryParse(identifier[(bar + 1)..], out nhsNumber, out var nhsProblem))
            {
                return OperationOutcomes.InvalidParameter(NhsNumber.Describe(nhsProblem));
            }
        }
        else if (query.All("patient") is [var patientText, ..])
        {
            var idText = patientText.StartsWith("Patient/", StringComparison.Ordinal) ? patientText["Patient/".Length..] : patientText;
            if (!FhirIds.TryParseId(idText, out var patientId))
            {
                return OperationOutcomes.InvalidParameter($"patient={patientText}: use patient=Patient/{{id}}, the id a Patient search returned.");
            }

            // A patient id names only a patient this client has booked for: ids are guessable, so walking them must not
            // turn up anyone else's appointments (the NHS number is in each). Anyone else matches nothing.
            nhsNumber = await queries.FindPatientBookedByAsync(patientId, client.ClientId, context.RequestAborted);
            if (nhsNumber is null)
            {
                return new FhirResult(StatusCodes.Status200OK, SlotSearch.Searchset(
                    0, SlotSearch.FhirBase(context.Request) + "/Appointment" + context.Request.QueryString.Value, []));
            }
        }
        else
        {
            return OperationOutcomes.BadRequest(
                "Search by patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<NHS number> or patient=Patient/{id}, optionally with date=.");
        }

        FhirRequestAudit.NoteNhsNumber(context, nhsNumber.Value);
        var all = configuration is null ? [] : await queries.GetPatientAppointmentsAsync(nhsNumber, context.RequestAborted);
        var now = clock.GetCurrentInstant();
        var matches = (client.Channel.Kind == ChannelKind.Online
                ? all.Where(a => AppointmentMapper.WasMadeBy(a.Appointment, client.ClientId))
                : all.Where(a => a.Appointment.End > now))
            .Where(a => dates.TrueForAll(date => date.Matches(a.Appointment.Slot.Start)))
            .OrderBy(a => a.Appointment.Slot.Start)
            .ThenBy(a => a.Appointment.Id.ToString(), StringComparer.Ordinal)
            .ToList();
        var remaining = after is { } cursor
            ? matches.Where(a => cursor.IsBefore(a.Appointment.Slot.Start, a.Appointment.Id.ToString())).ToList()
            : matches;
        var appointments = count is { } pageSize ? remaining.Take(pageSize).ToList() : remaining;
        if (client.Channel.Kind != ChannelKind.Online)
        {
            await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
            db.AuditEntries.Add(AuditEntry.Record(
                now, AuditActorKind.ApiClient, client.ClientId, "patient.appointments-searched", "Patient", nhsNumber.Value,
                before: null, after: JsonSerializer.Serialize(new { organisation = client.Channel.Organisation?.Value, returned = appointments.Count })));
            await db.SaveChangesAsync(context.RequestAborted);
        }

        var fhirBase = SlotSearch.FhirBase(context.Request);
        var entries = appointments
            .Select(a => SlotSearch.Entry(fhirBase, AppointmentMapper.ToFhir(a, configuration!), R4.Bundle.SearchEntryMode.Match))
            .ToList();
        var bundle = SlotSearch.Searchset(matches.Count, fhirBase + "/Appointment" + context.Request.QueryString.Value, entries);
        if (appointments.Count < remaining.Count)
        {
            var last = appointments[^1].Appointment;
            bundle.Link.Add(new R4.Bundle.LinkComponent
            {
                Relation = "next",
                Url = fhirBase + "/Appointment" + new PageCursor(last.Slot.Start, last.Id.ToString()).ReplaceIn(context.Request.QueryString.Value),
            });
        }

        return new FhirResult(StatusCodes.Status200OK, bundle);
    }

    private static bool IsAppointmentId(string id) => Guid.TryParseExact(id, "D", out _);

    private static async Task<(R4.Appointment? Appointment, FhirResult? Problem)> ReadAsync(HttpContext context)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/fhir+json" or "application/json"))
        {
            return (null, OperationOutcomes.UnsupportedMediaType("Send the Appointment as application/fhir+json."));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, OperationOutcomes.BadRequest($"The body is larger than {MaxBodyBytes / 1024} KiB."));
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var length = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (length > MaxBodyBytes)
        {
            return (null, OperationOutcomes.BadRequest($"The body is larger than {MaxBodyBytes / 1024} KiB."));
        }

        var (resource, problem) = FhirJson.Read(new string(buffer, 0, length));
        return resource switch
        {
            R4.Appointment appointment => (appointment, null),
            null => (null, problem),
            _ => (null, OperationOutcomes.InvalidResource($"The body must be an Appointment resource, not {resource.TypeName}.")),
        };
    }

    private sealed record ParsedBooking(
        IReadOnlyList<SlotId> SlotIds, GivenPatient? Patient, Interval? StatedTimes, SupportingInformation? SupportingInformation, FhirResult? Problem)
    {
        public static ParsedBooking Refuse(FhirResult problem) => new([], null, null, null, problem);
    }

    /// <summary>
    /// Reads the booking out of the Appointment: which slot, the stated start and end, and the patient as given. Only the
    /// shape is judged here; whether the slot exists, the times are its own and the patient may be booked is the booking
    /// service's to decide, for this facade and the staff pages alike.
    /// </summary>
    private static ParsedBooking ParseBooking(R4.Appointment incoming)
    {
        if (incoming.Status != R4.Appointment.AppointmentStatus.Booked)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource("status must be 'booked'.", "Appointment.status"));
        }

        if (SupportingInformation.Create(incoming.Description, incoming.Comment, out var textProblem) is not { } supportingInformation)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource(
                textProblem!.Message, textProblem.Element == SupportingInformationElement.Description ? "Appointment.description" : "Appointment.comment"));
        }

        if (incoming.Slot is not { Count: > 0 } slots)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource(
                "slot is required: a reference Slot/{id}, or several adjacent slots of one schedule.", "Appointment.slot"));
        }

        if (slots.Count > AdjacentSlots.MaxSlots)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource($"An appointment holds at most {AdjacentSlots.MaxSlots} slots.", "Appointment.slot"));
        }

        var slotIds = new List<SlotId>(slots.Count);
        foreach (var (slotReference, index) in slots.Select((s, i) => (s, i)))
        {
            var reference = slotReference.Reference ?? "";
            var slotText = reference.StartsWith("Slot/", StringComparison.Ordinal) ? reference["Slot/".Length..] : reference;
            if (!SlotId.TryParse(slotText, out var slotId, out _, out _))
            {
                return ParsedBooking.Refuse(OperationOutcomes.ReferenceNotFound(
                    $"Slot reference '{reference}' does not name a slot of this practice.", $"Appointment.slot[{index}]"));
            }

            slotIds.Add(slotId);
        }

        if (incoming.StartElement?.Value is not { } start || incoming.EndElement?.Value is not { } end)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource("start and end are required: the slot's start and end.", "Appointment.start"));
        }

        var stated = Instant.FromDateTimeOffset(end) >= Instant.FromDateTimeOffset(start)
            ? new Interval(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end))
            : (Interval?)null;
        if (stated is null)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource("end must not be before start.", "Appointment.end"));
        }

        var patientParticipant = incoming.Participant
            .Select(p => p.Actor)
            .FirstOrDefault(actor => actor?.Identifier?.System == AppointmentMapper.NhsNumberSystem
                || actor?.Reference?.StartsWith("Patient/", StringComparison.Ordinal) == true
                || actor?.Reference?.StartsWith('#') == true);
        if (patientParticipant is null)
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidResource(
                "A patient participant is required (actor.identifier with the NHS number).", "Appointment.participant"));
        }

        var contained = incoming.Contained.OfType<R4.Patient>().FirstOrDefault();
        var nhsText = patientParticipant.Identifier?.Value
            ?? contained?.Identifier.FirstOrDefault(i => i.System == AppointmentMapper.NhsNumberSystem)?.Value;
        if (!NhsNumber.TryParse(nhsText, out var nhsNumber, out var nhsProblem))
        {
            return ParsedBooking.Refuse(OperationOutcomes.InvalidNhsNumber(NhsNumber.Describe(nhsProblem), "Appointment.participant.actor.identifier.value"));
        }

        var name = contained?.Name.FirstOrDefault() is { } humanName
            ? humanName.Text ?? string.Join(' ', humanName.Given.Append(humanName.Family ?? "")).Trim()
            : null;
        LocalDate? birthDate = null;
        if (contained?.BirthDate is { } birth)
        {
            // R4 allows a year or a year and month alone; a booking needs the day to tell two patients apart.
            if (LocalDatePattern.Iso.Parse(birth) is not { Success: true } date)
            {
                return ParsedBooking.Refuse(OperationOutcomes.InvalidResource(
                    $"birthDate '{birth}' must be a full date (yyyy-MM-dd).", ContainedPatient + ".birthDate"));
            }

            birthDate = date.Value;
        }

        var phone = contained?.Telecom.FirstOrDefault(t => t.System == R4.ContactPoint.ContactPointSystem.Phone)?.Value;
        return new ParsedBooking(slotIds, new GivenPatient(nhsNumber, name, birthDate, phone), stated, supportingInformation, null);
    }

    /// <summary>The FHIRPath of the contained Patient that carries a new patient's details.</summary>
    private const string ContainedPatient = "Appointment.contained.ofType(Patient)";

    /// <summary>The element of the Appointment a booking service refusal is about.</summary>
    private static string? ExpressionOf(BookingField? field) => field switch
    {
        BookingField.Slot => "Appointment.slot",
        BookingField.StartAndEnd => "Appointment.start",
        BookingField.Patient => "Appointment.participant",
        BookingField.PatientName => ContainedPatient + ".name",
        BookingField.PatientDateOfBirth => ContainedPatient + ".birthDate",
        BookingField.PatientPhone => ContainedPatient + ".telecom",
        _ => null,
    };

    private static FhirResult? CancellationProblem(R4.Appointment incoming, StoredAppointment stored, PracticeConfiguration configuration)
    {
        var current = AppointmentMapper.ToFhir(stored, configuration);
        if (incoming.Status != R4.Appointment.AppointmentStatus.Cancelled)
        {
            return OperationOutcomes.InvalidResource("Only cancellation is supported: set status to 'cancelled'.");
        }

        if (stored.Appointment.Status != AppointmentStatus.Booked)
        {
            return OperationOutcomes.InvalidResource($"The appointment is {current.Status.GetLiteral()} and can no longer be cancelled.");
        }

        var unchanged = (incoming.Id is null || incoming.Id == current.Id)
            && (incoming.StartElement is null || FhirInstant.Names(incoming.StartElement, stored.Appointment.Slot.Start))
            && (incoming.EndElement is null || FhirInstant.Names(incoming.EndElement, stored.Appointment.End))
            && (incoming.Slot.Count == 0 || incoming.Slot.Select(s => s.Reference).SequenceEqual(current.Slot.Select(s => s.Reference)))
            && (incoming.Participant.Count == 0 || incoming.Participant.All(p =>
                p.Actor?.Identifier is not { } identifier
                || identifier.System != AppointmentMapper.NhsNumberSystem
                || identifier.Value == stored.Appointment.Patient.NhsNumber.Value));
        return unchanged ? null : OperationOutcomes.InvalidResource("Only status and cancelationReason may change.");
    }

    private static IResult Written(HttpContext context, PracticeConfiguration configuration, StoredAppointment stored, int status)
    {
        var version = AppointmentMapper.VersionOf(stored);
        var location = $"{SlotSearch.FhirBase(context.Request)}/Appointment/{stored.Appointment.Id}/_history/{version}";
        context.Response.Headers.ETag = $"W/\"{version}\"";
        context.Response.Headers.Location = location;
        if (status == StatusCodes.Status201Created && context.Request.Headers["Prefer"].ToString().Contains("return=minimal", StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status201Created);
        }

        return new FhirResult(status, AppointmentMapper.ToFhir(stored, configuration));
    }

    /// <summary>
    /// The appointment id for this request. A retry (same client and the same If-None-Exist identifier or
    /// X-Request-Id) gets the same id, so the booking service returns the original appointment instead of
    /// making a second one; without either, every request is a new booking.
    /// </summary>
    private static AppointmentId? IdempotentId(ApiClient client, HttpRequest request)
    {
        var key = request.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition ? "if-none-exist\n" + condition
            : RequestIdHeaders.Read(request.Headers, RequestIdHeaders.RequestId) is { } requestId ? "request-id\n" + requestId
            : null;
        if (key is null)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientId + "\n" + key));
        return new AppointmentId(new Guid(hash.AsSpan(0, 16)));
    }

    private static int? ParseVersion(string ifMatch)
    {
        var text = ifMatch.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        return FhirIds.TryParseId(text, out var version) ? version : null;
    }
}
