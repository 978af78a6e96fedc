using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Clients;
using Booking.Data.Scheduling;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Booking.Data.Migrations;

/// <summary>
/// The practice, its rota, release rules and quotas, patients, appointments with their status history, and the
/// external API clients. Written by hand like <see cref="InitialCreate"/> (no EF design package here);
/// MigrationSchemaTests prove the result equals the model, partial indexes included. Only adds tables, so a
/// database at InitialCreate keeps its staff and audit rows.
/// </summary>
[DbContext(typeof(BookingDbContext))]
[Migration("20261122090000_PracticeAndAppointments")]
public sealed class PracticeAndAppointments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Practice",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false),
                OdsCode = table.Column<string>(type: "TEXT", maxLength: OdsCode.MaxLength, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: Practice.MaxNameLength, nullable: false),
                RegisteredListSize = table.Column<int>(type: "INTEGER", nullable: false),
                TimeZoneId = table.Column<string>(type: "TEXT", maxLength: PracticeRow.TimeZoneIdMaxLength, nullable: false),
                ConfigurationVersion = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Practice", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Sites",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: Site.MaxNameLength, nullable: false),
                RetiredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Sites", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Practitioners",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: Practitioner.MaxNameLength, nullable: false),
                Role = table.Column<int>(type: "INTEGER", nullable: false),
                RetiredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Practitioners", x => x.Id));

        migrationBuilder.CreateTable(
            name: "PractitionerIdentifiers",
            columns: table => new
            {
                PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                Value = table.Column<string>(type: "TEXT", maxLength: PractitionerIdentifier.MaxValueLength, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PractitionerIdentifiers", x => new { x.PractitionerId, x.Kind });
                table.ForeignKey(
                    name: "FK_PractitionerIdentifiers_Practitioners_PractitionerId",
                    column: x => x.PractitionerId,
                    principalTable: "Practitioners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Services",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: Service.MaxNameLength, nullable: false),
                DefaultLengthMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                DeliveryMode = table.Column<int>(type: "INTEGER", nullable: false),
                Category = table.Column<int>(type: "INTEGER", nullable: false),
                EligibleRoles = table.Column<string>(type: "TEXT", maxLength: ServiceRow.EligibleRolesMaxLength, nullable: false),
                IsBookable = table.Column<bool>(type: "INTEGER", nullable: false),
                RetiredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Services", x => x.Id));

        migrationBuilder.CreateTable(
            name: "SessionTemplates",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                DayOfWeek = table.Column<int>(type: "INTEGER", nullable: false),
                Segments = table.Column<string>(type: "TEXT", nullable: false),
                EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                CycleWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                CycleWeeksRun = table.Column<string>(type: "TEXT", maxLength: SessionTemplateRow.CycleWeeksRunMaxLength, nullable: false),
                CycleAnchor = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SessionTemplates", x => x.Id);
                table.ForeignKey(
                    name: "FK_SessionTemplates_Practitioners_PractitionerId",
                    column: x => x.PractitionerId,
                    principalTable: "Practitioners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_SessionTemplates_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "OneOffSessions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Segments = table.Column<string>(type: "TEXT", nullable: false),
                WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OneOffSessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_OneOffSessions_Practitioners_PractitionerId",
                    column: x => x.PractitionerId,
                    principalTable: "Practitioners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_OneOffSessions_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DayEdits",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Replacement = table.Column<string>(type: "TEXT", nullable: true),
                CancellationReason = table.Column<string>(type: "TEXT", maxLength: DayEdit.MaxReasonLength, nullable: true),
                WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DayEdits", x => x.Id);
                table.ForeignKey(
                    name: "FK_DayEdits_SessionTemplates_TemplateId",
                    column: x => x.TemplateId,
                    principalTable: "SessionTemplates",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Closures",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Reason = table.Column<string>(type: "TEXT", maxLength: Closure.MaxReasonLength, nullable: false),
                StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                SiteId = table.Column<int>(type: "INTEGER", nullable: true),
                WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Closures", x => x.Id);
                table.ForeignKey(
                    name: "FK_Closures_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Leave",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                FirstDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                LastDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Leave", x => x.Id);
                table.ForeignKey(
                    name: "FK_Leave_Practitioners_PractitionerId",
                    column: x => x.PractitionerId,
                    principalTable: "Practitioners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReleaseRules",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ServiceId = table.Column<int>(type: "INTEGER", nullable: true),
                SessionKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                SlotId = table.Column<string>(type: "TEXT", maxLength: SlotId.MaxLength, nullable: true),
                Channels = table.Column<string>(type: "TEXT", nullable: false),
                DefaultTerms = table.Column<string>(type: "TEXT", nullable: false),
                HandBack = table.Column<string>(type: "TEXT", nullable: true),
                EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                ReplacesId = table.Column<int>(type: "INTEGER", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReleaseRules", x => x.Id);
                table.ForeignKey(
                    name: "FK_ReleaseRules_ReleaseRules_ReplacesId",
                    column: x => x.ReplacesId,
                    principalTable: "ReleaseRules",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ReleaseRules_Services_ServiceId",
                    column: x => x.ServiceId,
                    principalTable: "Services",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Quotas",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Channel = table.Column<string>(type: "TEXT", nullable: false),
                Per = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                IsShare = table.Column<bool>(type: "INTEGER", nullable: false),
                LimitValue = table.Column<int>(type: "INTEGER", nullable: false),
                ServiceId = table.Column<int>(type: "INTEGER", nullable: true),
                OnlyOn = table.Column<int>(type: "INTEGER", nullable: true),
                EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                ReplacesId = table.Column<int>(type: "INTEGER", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Quotas", x => x.Id);
                table.ForeignKey(
                    name: "FK_Quotas_Quotas_ReplacesId",
                    column: x => x.ReplacesId,
                    principalTable: "Quotas",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Quotas_Services_ServiceId",
                    column: x => x.ServiceId,
                    principalTable: "Services",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PatientCaps",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                MaxFutureBookings = table.Column<int>(type: "INTEGER", nullable: false),
                AppliesTo = table.Column<string>(type: "TEXT", nullable: false),
                EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                ReplacesId = table.Column<int>(type: "INTEGER", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PatientCaps", x => x.Id);
                table.ForeignKey(
                    name: "FK_PatientCaps_PatientCaps_ReplacesId",
                    column: x => x.ReplacesId,
                    principalTable: "PatientCaps",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Patients",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                NhsNumber = table.Column<string>(type: "TEXT", maxLength: NhsNumber.Length, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: PatientRow.NameMaxLength, nullable: false),
                DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Phone = table.Column<string>(type: "TEXT", maxLength: PatientRow.PhoneMaxLength, nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Patients", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Appointments",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                SlotId = table.Column<string>(type: "TEXT", maxLength: SlotId.MaxLength, nullable: false),
                SessionKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                SlotDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                LocalStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                LocalEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                ChannelKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                BookingOrganisation = table.Column<string>(type: "TEXT", maxLength: OdsCode.MaxLength, nullable: true),
                BookingOrganisationType = table.Column<string>(type: "TEXT", maxLength: AppointmentRow.OrganisationTypeMaxLength, nullable: true),
                Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                CancellationReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                CreatedById = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                CreatedByName = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ChangedById = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                ChangedByName = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Appointments", x => x.Id);
                table.ForeignKey(
                    name: "FK_Appointments_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Appointments_Practitioners_PractitionerId",
                    column: x => x.PractitionerId,
                    principalTable: "Practitioners",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Appointments_Services_ServiceId",
                    column: x => x.ServiceId,
                    principalTable: "Services",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Appointments_Sites_SiteId",
                    column: x => x.SiteId,
                    principalTable: "Sites",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AppointmentStatusChanges",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                At = table.Column<DateTime>(type: "TEXT", nullable: false),
                ById = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                ByName = table.Column<string>(type: "TEXT", maxLength: AuditEntry.ActorMaxLength, nullable: false),
                Note = table.Column<string>(type: "TEXT", maxLength: AppointmentRow.NoteMaxLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AppointmentStatusChanges", x => x.Id);
                table.ForeignKey(
                    name: "FK_AppointmentStatusChanges_Appointments_AppointmentId",
                    column: x => x.AppointmentId,
                    principalTable: "Appointments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApiClients",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ClientId = table.Column<string>(type: "TEXT", maxLength: ApiClientRow.ClientIdMaxLength, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: ApiClientRow.NameMaxLength, nullable: false),
                OdsCode = table.Column<string>(type: "TEXT", maxLength: OdsCode.MaxLength, nullable: false),
                ChannelKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                OrganisationType = table.Column<string>(type: "TEXT", maxLength: AppointmentRow.OrganisationTypeMaxLength, nullable: true),
                Scopes = table.Column<string>(type: "TEXT", maxLength: ApiClientRow.ScopesMaxLength, nullable: false),
                JwksJson = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ApiClients", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_ApiClients_ClientId", table: "ApiClients", column: "ClientId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Appointments_PatientId_StartsAt", table: "Appointments", columns: ["PatientId", "StartsAt"]);
        migrationBuilder.CreateIndex(name: "IX_Appointments_PractitionerId_SlotDate", table: "Appointments", columns: ["PractitionerId", "SlotDate"]);
        migrationBuilder.CreateIndex(name: "IX_Appointments_ServiceId", table: "Appointments", column: "ServiceId");
        migrationBuilder.CreateIndex(name: "IX_Appointments_SiteId", table: "Appointments", column: "SiteId");
        migrationBuilder.CreateIndex(name: "IX_Appointments_SlotDate", table: "Appointments", column: "SlotDate");

        // Domain rule 1, guarded by the database: one active (not cancelled) appointment per slot.
        migrationBuilder.CreateIndex(
            name: AppointmentRow.ActiveSlotIndexName, table: "Appointments", column: "SlotId", unique: true,
            filter: "\"Status\" <> 'Cancelled'");
        migrationBuilder.CreateIndex(
            name: "IX_AppointmentStatusChanges_AppointmentId_Sequence", table: "AppointmentStatusChanges",
            columns: ["AppointmentId", "Sequence"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Closures_Date", table: "Closures", column: "Date");
        migrationBuilder.CreateIndex(name: "IX_Closures_SiteId", table: "Closures", column: "SiteId");
        migrationBuilder.CreateIndex(
            name: "IX_DayEdits_TemplateId_Date", table: "DayEdits", columns: ["TemplateId", "Date"], unique: true,
            filter: "\"WithdrawnAt\" IS NULL");
        migrationBuilder.CreateIndex(name: "IX_Leave_PractitionerId", table: "Leave", column: "PractitionerId");
        migrationBuilder.CreateIndex(name: "IX_OneOffSessions_Date", table: "OneOffSessions", column: "Date");
        migrationBuilder.CreateIndex(name: "IX_OneOffSessions_PractitionerId", table: "OneOffSessions", column: "PractitionerId");
        migrationBuilder.CreateIndex(name: "IX_OneOffSessions_SiteId", table: "OneOffSessions", column: "SiteId");
        migrationBuilder.CreateIndex(name: "IX_PatientCaps_ReplacesId", table: "PatientCaps", column: "ReplacesId");
        migrationBuilder.CreateIndex(name: "IX_Patients_NhsNumber", table: "Patients", column: "NhsNumber", unique: true);
        migrationBuilder.CreateIndex(
            name: "IX_PractitionerIdentifiers_Kind_Value", table: "PractitionerIdentifiers", columns: ["Kind", "Value"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_Quotas_ReplacesId", table: "Quotas", column: "ReplacesId");
        migrationBuilder.CreateIndex(name: "IX_Quotas_ServiceId", table: "Quotas", column: "ServiceId");
        migrationBuilder.CreateIndex(name: "IX_ReleaseRules_ReplacesId", table: "ReleaseRules", column: "ReplacesId");
        migrationBuilder.CreateIndex(name: "IX_ReleaseRules_ServiceId", table: "ReleaseRules", column: "ServiceId");
        migrationBuilder.CreateIndex(name: "IX_SessionTemplates_PractitionerId", table: "SessionTemplates", column: "PractitionerId");
        migrationBuilder.CreateIndex(name: "IX_SessionTemplates_SiteId", table: "SessionTemplates", column: "SiteId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dependants first, so no foreign key is left pointing at a dropped table.
        foreach (var table in new[]
                 {
                     "ApiClients", "AppointmentStatusChanges", "Appointments", "Patients",
                     "PatientCaps", "Quotas", "ReleaseRules", "Leave", "Closures", "DayEdits",
                     "OneOffSessions", "SessionTemplates", "Services", "PractitionerIdentifiers",
                     "Practitioners", "Sites", "Practice",
                 })
        {
            migrationBuilder.DropTable(name: table);
        }
    }
}
