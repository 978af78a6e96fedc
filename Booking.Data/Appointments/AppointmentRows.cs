using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Auditing;
using Booking.Data.Scheduling;
using Booking.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>A patient, keyed by NHS number; name and phone are the latest given at a booking.</summary>
public sealed class PatientRow : IVersionedRow
{
    /// <summary>Longest patient name stored: Core's limit.</summary>
    public const int NameMaxLength = PatientRules.NameMaxLength;

    /// <summary>Longest phone number stored, with spaces and a leading +: Core's limit.</summary>
    public const int PhoneMaxLength = PatientRules.PhoneMaxLength;

    public int Id { get; set; }

    /// <summary>The ten digits, no separators, checked with modulus 11 before storing.</summary>
    public string NhsNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public LocalDate DateOfBirth { get; set; }

    public string? Phone { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>
/// An appointment with the facts of its (first) slot copied at booking (session, practitioner, site, service, times), so
/// a rota change can never move it: regenerating slots does not touch this row. Every slot it holds, the first
/// included, is also an <see cref="AppointmentSlotRow"/>. At most one active (not cancelled) appointment holds a slot:
/// unique partial indexes enforce it in the database itself (domain rule 1), over every slot held
/// (<see cref="AppointmentSlotRow.ActiveSlotIndexName"/>) and, as before, over first slots.
/// </summary>
public sealed class AppointmentRow : IVersionedRow
{
    /// <summary>Longest organisation type label stored, e.g. <c>urgent-care</c>.</summary>
    public const int OrganisationTypeMaxLength = 64;

    /// <summary>Longest free-text note on a status change.</summary>
    public const int NoteMaxLength = 500;

    /// <summary>The index that guards rule 1; its violation means "slot already taken".</summary>
    public const string ActiveSlotIndexName = "UX_Appointments_SlotId_Active";

    public Guid Id { get; set; }

    public string SlotId { get; set; } = "";

    public SessionSourceKind SessionKind { get; set; }

    public int SessionId { get; set; }

    /// <summary>The slot's local date (the session's date); the ledger reads a day's bookings by it.</summary>
    public LocalDate SlotDate { get; set; }

    public int PractitionerId { get; set; }

    public int SiteId { get; set; }

    public int ServiceId { get; set; }

    /// <summary>UTC start instant.</summary>
    public Instant StartsAt { get; set; }

    /// <summary>UTC end instant (exclusive).</summary>
    public Instant EndsAt { get; set; }

    /// <summary>Local start as the patient was told it, in the practice zone.</summary>
    public LocalDateTime LocalStart { get; set; }

    /// <summary>Local end (exclusive).</summary>
    public LocalDateTime LocalEnd { get; set; }

    public int PatientId { get; set; }

    public PatientRow Patient { get; set; } = null!;

    public ChannelKind ChannelKind { get; set; }

    /// <summary>The booking organisation's ODS code; set exactly for organisation bookings.</summary>
    public string? BookingOrganisation { get; set; }

    /// <summary>The booking organisation's type label, e.g. <c>urgent-care</c>.</summary>
    public string? BookingOrganisationType { get; set; }

    public AppointmentStatus Status { get; set; }

    /// <summary>Set exactly when <see cref="Status"/> is Cancelled.</summary>
    public CancellationReason? CancellationReason { get; set; }

    public string CreatedById { get; set; } = "";

    public string CreatedByName { get; set; } = "";

    public Instant CreatedAt { get; set; }

    public string ChangedById { get; set; } = "";

    public string ChangedByName { get; set; } = "";

    public Instant ChangedAt { get; set; }

    /// <summary>The booking party's short description of the appointment (Core's limit), or null.</summary>
    public string? Description { get; set; }

    /// <summary>The booking party's comment (Core's limit), or null.</summary>
    public string? Comment { get; set; }

    /// <summary>Every status change, oldest first (by <see cref="AppointmentStatusChangeRow.Sequence"/>).</summary>
    public List<AppointmentStatusChangeRow> History { get; set; } = [];

    /// <summary>Every slot held, the first included, by <see cref="AppointmentSlotRow.Position"/>.</summary>
    public List<AppointmentSlotRow> Slots { get; set; } = [];

    public int Version { get; set; } = 1;
}

/// <summary>
/// One slot an appointment holds, with its facts copied at booking; an appointment over several adjacent slots has one
/// row each. <see cref="Status"/> is the appointment's, kept equal to it, so the unique partial index over active rows
/// means "one active appointment per slot" for every slot of every appointment.
/// </summary>
public sealed class AppointmentSlotRow
{
    /// <summary>The index that guards rule 1 over every slot held; its violation means "slot already taken".</summary>
    public const string ActiveSlotIndexName = "UX_AppointmentSlots_SlotId_Active";

    public long Id { get; set; }

    public Guid AppointmentId { get; set; }

    public AppointmentRow Appointment { get; set; } = null!;

    /// <summary>0 for the first slot, then 1, 2, ... in start order.</summary>
    public int Position { get; set; }

    public string SlotId { get; set; } = "";

    public SessionSourceKind SessionKind { get; set; }

    public int SessionId { get; set; }

    /// <summary>The slot's local date; the ledger reads a day's held slots by it.</summary>
    public LocalDate SlotDate { get; set; }

    /// <summary>UTC start instant.</summary>
    public Instant StartsAt { get; set; }

    /// <summary>UTC end instant (exclusive).</summary>
    public Instant EndsAt { get; set; }

    public LocalDateTime LocalStart { get; set; }

    /// <summary>Local end (exclusive).</summary>
    public LocalDateTime LocalEnd { get; set; }

    /// <summary>The appointment's status.</summary>
    public AppointmentStatus Status { get; set; }
}

/// <summary>One status change of an appointment; rows are only ever added.</summary>
public sealed class AppointmentStatusChangeRow
{
    public long Id { get; set; }

    public Guid AppointmentId { get; set; }

    /// <summary>0 for the booking, then 1, 2, ... in order.</summary>
    public int Sequence { get; set; }

    /// <summary>Null for the booking itself.</summary>
    public AppointmentStatus? FromStatus { get; set; }

    public AppointmentStatus ToStatus { get; set; }

    public Instant At { get; set; }

    public string ById { get; set; } = "";

    public string ByName { get; set; } = "";

    public string? Note { get; set; }
}

internal sealed class PatientRowConfiguration : IEntityTypeConfiguration<PatientRow>
{
    public void Configure(EntityTypeBuilder<PatientRow> builder)
    {
        builder.ToTable("Patients");
        builder.Property(p => p.NhsNumber).HasMaxLength(NhsNumber.Length);
        builder.Property(p => p.Name).HasMaxLength(PatientRow.NameMaxLength);
        builder.Property(p => p.Phone).HasMaxLength(PatientRow.PhoneMaxLength);
        builder.HasIndex(p => p.NhsNumber).IsUnique();
        builder.HasVersionToken();
    }
}

internal sealed class AppointmentRowConfiguration : IEntityTypeConfiguration<AppointmentRow>
{
    public void Configure(EntityTypeBuilder<AppointmentRow> builder)
    {
        builder.ToTable("Appointments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.SlotId).HasMaxLength(SlotId.MaxLength);
        builder.Property(a => a.SessionKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ChannelKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.BookingOrganisation).HasMaxLength(OdsCode.MaxLength);
        builder.Property(a => a.BookingOrganisationType).HasMaxLength(AppointmentRow.OrganisationTypeMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CancellationReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.CreatedById).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.CreatedByName).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.ChangedById).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.ChangedByName).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.Description).HasMaxLength(SupportingInformation.DescriptionMaxLength);
        builder.Property(a => a.Comment).HasMaxLength(SupportingInformation.CommentMaxLength);

        builder.HasOne(a => a.Patient).WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PractitionerRow>().WithMany().HasForeignKey(a => a.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SiteRow>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRow>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Slots).WithOne(s => s.Appointment).HasForeignKey(s => s.AppointmentId).OnDelete(DeleteBehavior.Cascade);

        // Rule 1 in the database: one active appointment per slot, however many writers race. The filter is
        // plain SQL with quoted identifiers, which SQLite, PostgreSQL and SQL Server all accept.
        builder.HasIndex(a => a.SlotId)
            .IsUnique()
            .HasFilter("\"Status\" <> 'Cancelled'")
            .HasDatabaseName(AppointmentRow.ActiveSlotIndexName);
        builder.HasIndex(a => a.SlotDate);
        builder.HasIndex(a => new { a.PractitionerId, a.SlotDate });
        builder.HasIndex(a => new { a.PatientId, a.StartsAt });
        builder.HasVersionToken();
    }
}

internal sealed class AppointmentSlotRowConfiguration : IEntityTypeConfiguration<AppointmentSlotRow>
{
    public void Configure(EntityTypeBuilder<AppointmentSlotRow> builder)
    {
        builder.ToTable("AppointmentSlots");
        builder.Property(s => s.SlotId).HasMaxLength(SlotId.MaxLength);
        builder.Property(s => s.SessionKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.AppointmentId, s.Position }).IsUnique();

        // Rule 1 over every slot held, however many writers race; the filter is the one the Appointments index uses.
        builder.HasIndex(s => s.SlotId)
            .IsUnique()
            .HasFilter("\"Status\" <> 'Cancelled'")
            .HasDatabaseName(AppointmentSlotRow.ActiveSlotIndexName);
        builder.HasIndex(s => s.SlotDate);
    }
}

internal sealed class AppointmentStatusChangeRowConfiguration : IEntityTypeConfiguration<AppointmentStatusChangeRow>
{
    public void Configure(EntityTypeBuilder<AppointmentStatusChangeRow> builder)
    {
        builder.ToTable("AppointmentStatusChanges");
        builder.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ById).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(h => h.ByName).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(h => h.Note).HasMaxLength(AppointmentRow.NoteMaxLength);
        builder.HasIndex(h => new { h.AppointmentId, h.Sequence }).IsUnique();
    }
}
