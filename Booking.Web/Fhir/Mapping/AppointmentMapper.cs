using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Models;
using CoreAppointment = Booking.Core.Appointments.Appointment;
using FhirAppointment = Booking.Web.Fhir.Models.Appointment;

namespace Booking.Web.Fhir.Mapping;

/// <summary>Pure mapping of a stored appointment to R4.</summary>
internal static class AppointmentMapper
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string BookingOrganisationUrl = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization";

    public static FhirAppointment ToFhir(StoredAppointment stored, PracticeConfiguration configuration)
    {
        var appointment = stored.Appointment;
        var zone = configuration.Zone;
        var slot = appointment.Slot;
        var participants = new List<AppointmentParticipant>
        {
            new(new Reference(Identifier: new Identifier(NhsNumberSystem, appointment.Patient.NhsNumber.Value)), "accepted"),
            new(new Reference("Practitioner/" + FhirIds.Of(slot.PractitionerId), Display: configuration.PractitionerName(slot.PractitionerId)), "accepted"),
            new(new Reference("Location/" + FhirIds.Of(slot.SiteId), Display: configuration.Site(slot.SiteId)?.Site.Name), "accepted"),
        };
        return new FhirAppointment(Status(appointment.Status), participants)
        {
            Id = appointment.Id.ToString(),
            Meta = new Meta(VersionOf(stored), FhirInstant.Format(appointment.ChangedAt, zone)),
            Extension = appointment.Channel is { Kind: ChannelKind.Organisation, Organisation: { } ods }
                ? [new Extension(BookingOrganisationUrl, ValueReference: new Reference(Identifier: new Identifier(R4Mapper.OdsSystem, ods.Value)))]
                : null,
            CancelationReason = appointment.CancellationReason is { } reason ? new CodeableConcept(Text: CancellationText(reason)) : null,
            ServiceType = configuration.Service(slot.ServiceId) is { } service ? [new CodeableConcept(Text: service.Service.Name)] : null,
            Start = FhirInstant.Format(slot.Start, zone),
            End = FhirInstant.Format(slot.End, zone),
            Slot = [new Reference("Slot/" + slot.Id.Value)],
            Created = FhirInstant.Format(appointment.CreatedAt, zone),
        };
    }

    public static string VersionOf(StoredAppointment stored) => FhirIds.Of(stored.Version);

    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Arrived => "arrived",
        AppointmentStatus.Fulfilled => "fulfilled",
        AppointmentStatus.DidNotAttend => "noshow",
        _ => "cancelled",
    };

    /// <summary>True when the appointment was booked by this API client (it may read and cancel only those).</summary>
    public static bool WasMadeBy(CoreAppointment appointment, string clientId) => appointment.CreatedBy.Id == clientId;

    private static string CancellationText(CancellationReason reason) => reason switch
    {
        CancellationReason.PatientRequest => "Cancelled at the patient's request",
        CancellationReason.PracticeRequest => "Cancelled by the practice",
        CancellationReason.Moved => "Moved to another slot",
        CancellationReason.BookingOrganisationRequest => "Cancelled by the booking organisation",
        _ => reason.ToString(),
    };
}
