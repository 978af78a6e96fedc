using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Appointments;

/// <summary>An appointment as stored, with the concurrency version a later change must quote.</summary>
/// <param name="Appointment">The appointment (Core), with its copied slot and full status history.</param>
/// <param name="Version">The row's version when read; pass it back as <c>expectedVersion</c> to change it.</param>
public sealed record StoredAppointment(Appointment Appointment, int Version);

/// <summary>Appointment rows to Core appointments and back, plus the JSON snapshot the audit log keeps.</summary>
internal static class AppointmentMapping
{
    public static StoredAppointment ToStored(AppointmentRow row) => new(ToAppointment(row), row.Version);

    /// <summary>Rebuilds the appointment from its row; <see cref="AppointmentRow.Patient"/> and the history must be loaded.</summary>
    public static Appointment ToAppointment(AppointmentRow row) => Appointment.Restore(
        new AppointmentId(row.Id),
        ToPatientDetails(row.Patient),
        ToSlot(row),
        ToChannel(row.ChannelKind, row.BookingOrganisation, row.BookingOrganisationType),
        row.Status,
        row.CancellationReason,
        row.History
            .OrderBy(h => h.Sequence)
            .Select(h => new StatusChange(h.FromStatus, h.ToStatus, h.At, new Actor(h.ById, h.ByName), h.Note))
            .ToList(),
        row.Slots.Where(s => s.Position > 0).OrderBy(s => s.Position).Select(s => ToSlot(row, s)).ToList(),
        SupportingInformation.Restore(row.Description, row.Comment));

    /// <summary>The slot exactly as it was copied at booking.</summary>
    public static Slot ToSlot(AppointmentRow row) => new(
        RowMapping.ParseSlotId(row.SlotId),
        new SessionKey(new SessionSource(row.SessionKind, row.SessionId), row.SlotDate),
        row.PractitionerId,
        row.SiteId,
        row.ServiceId,
        row.LocalStart,
        row.LocalEnd,
        new Interval(row.StartsAt, row.EndsAt));

    /// <summary>A later slot of the appointment, as copied at booking; practitioner, site and service are the appointment's.</summary>
    private static Slot ToSlot(AppointmentRow appointment, AppointmentSlotRow slot) => new(
        RowMapping.ParseSlotId(slot.SlotId),
        new SessionKey(new SessionSource(slot.SessionKind, slot.SessionId), slot.SlotDate),
        appointment.PractitionerId,
        appointment.SiteId,
        appointment.ServiceId,
        slot.LocalStart,
        slot.LocalEnd,
        new Interval(slot.StartsAt, slot.EndsAt));

    public static Channel ToChannel(ChannelKind kind, string? organisation, string? organisationType) => kind switch
    {
        ChannelKind.Reception => Channel.Reception,
        ChannelKind.Online => Channel.Online,
        _ => Channel.ForOrganisation(OdsCode.Parse(organisation ?? ""), organisationType),
    };

    /// <summary>A new row for a just-booked appointment, with its first history entry.</summary>
    public static PatientDetails ToPatientDetails(PatientRow row) =>
        new(NhsNumber.Parse(row.NhsNumber), row.Name, row.DateOfBirth, row.Phone);

    public static AppointmentRow NewRow(Appointment appointment, PatientRow patient)
    {
        var slot = appointment.Slot;
        var row = new AppointmentRow
        {
            Id = appointment.Id.Value,
            SlotId = slot.Id.Value,
            SessionKind = slot.Session.Source.Kind,
            SessionId = slot.Session.Source.Id,
            SlotDate = slot.Date,
            PractitionerId = slot.PractitionerId,
            SiteId = slot.SiteId,
            ServiceId = slot.ServiceId,
            StartsAt = slot.Start,
            EndsAt = slot.End,
            LocalStart = slot.LocalStart,
            LocalEnd = slot.LocalEnd,
            Patient = patient,
            ChannelKind = appointment.Channel.Kind,
            BookingOrganisation = appointment.Channel.Organisation?.Value,
            BookingOrganisationType = appointment.Channel.OrganisationType,
            CreatedById = appointment.CreatedBy.Id,
            CreatedByName = appointment.CreatedBy.Name,
            CreatedAt = appointment.CreatedAt,
            Description = appointment.SupportingInformation.Description,
            Comment = appointment.SupportingInformation.Comment,
            Slots = appointment.Slots.Select((held, position) => new AppointmentSlotRow
            {
                Position = position,
                SlotId = held.Id.Value,
                SessionKind = held.Session.Source.Kind,
                SessionId = held.Session.Source.Id,
                SlotDate = held.Date,
                StartsAt = held.Start,
                EndsAt = held.End,
                LocalStart = held.LocalStart,
                LocalEnd = held.LocalEnd,
            }).ToList(),
        };
        ApplyChange(appointment, row);
        return row;
    }

    /// <summary>Copies status, cancellation and changed-by from <paramref name="changed"/> and appends its new history entries.</summary>
    public static void ApplyChange(Appointment changed, AppointmentRow row)
    {
        row.Status = changed.Status;
        row.Slots.ForEach(held => held.Status = changed.Status);
        row.CancellationReason = changed.CancellationReason;
        row.ChangedById = changed.ChangedBy.Id;
        row.ChangedByName = changed.ChangedBy.Name;
        row.ChangedAt = changed.ChangedAt;
        for (var sequence = row.History.Count; sequence < changed.History.Count; sequence++)
        {
            var change = changed.History[sequence];
            row.History.Add(new AppointmentStatusChangeRow
            {
                AppointmentId = row.Id,
                Sequence = sequence,
                FromStatus = change.From,
                ToStatus = change.To,
                At = change.At,
                ById = change.By.Id,
                ByName = change.By.Name,
                Note = change.Note,
            });
        }
    }

    /// <summary>What the audit log keeps of an appointment (patient details included: the audit log is evidence).</summary>
    public static object Snapshot(Appointment appointment, int version) => new
    {
        Id = appointment.Id.ToString(),
        SlotId = appointment.Slot.Id.Value,
        SlotIds = appointment.Slots.Select(s => s.Id.Value).ToList(),
        Start = LocalDateTimePattern.GeneralIso.Format(appointment.Slot.LocalStart),
        appointment.Slot.PractitionerId,
        appointment.Slot.SiteId,
        appointment.Slot.ServiceId,
        Patient = appointment.Patient.NhsNumber.Value,
        PatientName = appointment.Patient.Name,
        Channel = appointment.Channel.ToString(),
        Status = appointment.Status.ToString(),
        CancellationReason = appointment.CancellationReason?.ToString(),
        Version = version,
    };
}
