using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using CoreAppointment = Booking.Core.Appointments.Appointment;
using R4 = Hl7.Fhir.Model;

namespace Booking.Web.Fhir.Mapping;

/// <summary>Pure mapping of a stored appointment to R4.</summary>
internal static class AppointmentMapper
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string BookingOrganisationUrl = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization";

    public static R4.Appointment ToFhir(StoredAppointment stored, PracticeConfiguration configuration)
    {
        var appointment = stored.Appointment;
        var zone = configuration.Zone;
        var slot = appointment.Slot;
        return new R4.Appointment
        {
            Id = appointment.Id.ToString(),
            Meta = new R4.Meta { VersionId = VersionOf(stored), LastUpdatedElement = FhirInstant.Element(appointment.ChangedAt, zone) },
            Extension = appointment.Channel is { Kind: ChannelKind.Organisation, Organisation: { } ods }
                ? [new R4.Extension(BookingOrganisationUrl, new R4.ResourceReference { Identifier = new R4.Identifier(R4Mapper.OdsSystem, ods.Value) })]
                : [],
            Status = Status(appointment.Status),
            CancelationReason = appointment.CancellationReason is { } reason ? R4Mapper.Text(CancellationText(reason)) : null,
            ServiceType = configuration.Service(slot.ServiceId) is { } service ? [R4Mapper.Text(service.Service.Name)] : [],
            Description = appointment.SupportingInformation.Description,
            StartElement = FhirInstant.Element(slot.Start, zone),
            EndElement = FhirInstant.Element(appointment.End, zone),
            Slot = appointment.Slots.Select(held => R4Mapper.Reference("Slot/" + held.Id.Value)).ToList(),
            Created = FhirInstant.Format(appointment.CreatedAt, zone),
            Comment = appointment.SupportingInformation.Comment,
            Participant =
            [
                Accepted(new R4.ResourceReference { Identifier = new R4.Identifier(NhsNumberSystem, appointment.Patient.NhsNumber.Value) }),
                Accepted(R4Mapper.Reference("Practitioner/" + FhirIds.Of(slot.PractitionerId), configuration.PractitionerName(slot.PractitionerId))),
                Accepted(R4Mapper.Reference("Location/" + FhirIds.Of(slot.SiteId), configuration.Site(slot.SiteId)?.Site.Name)),
            ],
        };
    }

    public static string VersionOf(StoredAppointment stored) => FhirIds.Of(stored.Version);

    public static R4.Appointment.AppointmentStatus Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => R4.Appointment.AppointmentStatus.Booked,
        AppointmentStatus.Arrived => R4.Appointment.AppointmentStatus.Arrived,
        AppointmentStatus.Fulfilled => R4.Appointment.AppointmentStatus.Fulfilled,
        AppointmentStatus.DidNotAttend => R4.Appointment.AppointmentStatus.Noshow,
        _ => R4.Appointment.AppointmentStatus.Cancelled,
    };

    /// <summary>True when the appointment was booked by this API client (it may read and cancel only those).</summary>
    public static bool WasMadeBy(CoreAppointment appointment, string clientId) => appointment.CreatedBy.Id == clientId;

    private static R4.Appointment.ParticipantComponent Accepted(R4.ResourceReference actor) =>
        new() { Actor = actor, Status = R4.ParticipationStatus.Accepted };

    private static string CancellationText(CancellationReason reason) => reason switch
    {
        CancellationReason.PatientRequest => "Cancelled at the patient's request",
        CancellationReason.PracticeRequest => "Cancelled by the practice",
        CancellationReason.Moved => "Moved to another slot",
        CancellationReason.BookingOrganisationRequest => "Cancelled by the booking organisation",
        _ => reason.ToString(),
    };
}
