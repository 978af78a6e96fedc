-- The schema, and migration history, of a Booking database made before migrations were generated: the output of
-- IMigrator.GenerateScript() over the two hand-written migrations 20261121120000_InitialCreate and
-- 20261122090000_PracticeAndAppointments (formerly Booking.Data/Migrations), exactly as EF Core 10.0.15 wrote it.
-- Tests build such an old file from this script and upgrade it with the app's start-up path; do not edit it.

CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectType" TEXT NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_Actor" ON "AuditEntries" ("Actor");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_SubjectType_SubjectId" ON "AuditEntries" ("SubjectType", "SubjectId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121120000_InitialCreate', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Practice" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Practice" PRIMARY KEY,
    "OdsCode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "RegisteredListSize" INTEGER NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "ConfigurationVersion" INTEGER NOT NULL
);

CREATE TABLE "Sites" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sites" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "RetiredOn" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Practitioners" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Practitioners" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "RetiredOn" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "PractitionerIdentifiers" (
    "PractitionerId" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "PK_PractitionerIdentifiers" PRIMARY KEY ("PractitionerId", "Kind"),
    CONSTRAINT "FK_PractitionerIdentifiers_Practitioners_PractitionerId" FOREIGN KEY ("PractitionerId") REFERENCES "Practitioners" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Services" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Services" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "DefaultLengthMinutes" INTEGER NOT NULL,
    "DeliveryMode" INTEGER NOT NULL,
    "Category" INTEGER NOT NULL,
    "EligibleRoles" TEXT NOT NULL,
    "IsBookable" INTEGER NOT NULL,
    "RetiredOn" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "SessionTemplates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SessionTemplates" PRIMARY KEY AUTOINCREMENT,
    "PractitionerId" INTEGER NOT NULL,
    "SiteId" INTEGER NOT NULL,
    "DayOfWeek" INTEGER NOT NULL,
    "Segments" TEXT NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "CycleWeeks" INTEGER NOT NULL,
    "CycleWeeksRun" TEXT NOT NULL,
    "CycleAnchor" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_SessionTemplates_Practitioners_PractitionerId" FOREIGN KEY ("PractitionerId") REFERENCES "Practitioners" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SessionTemplates_Sites_SiteId" FOREIGN KEY ("SiteId") REFERENCES "Sites" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OneOffSessions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OneOffSessions" PRIMARY KEY AUTOINCREMENT,
    "PractitionerId" INTEGER NOT NULL,
    "SiteId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Segments" TEXT NOT NULL,
    "WithdrawnAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_OneOffSessions_Practitioners_PractitionerId" FOREIGN KEY ("PractitionerId") REFERENCES "Practitioners" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_OneOffSessions_Sites_SiteId" FOREIGN KEY ("SiteId") REFERENCES "Sites" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "DayEdits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DayEdits" PRIMARY KEY AUTOINCREMENT,
    "TemplateId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Replacement" TEXT NULL,
    "CancellationReason" TEXT NULL,
    "WithdrawnAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_DayEdits_SessionTemplates_TemplateId" FOREIGN KEY ("TemplateId") REFERENCES "SessionTemplates" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Closures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Closures" PRIMARY KEY AUTOINCREMENT,
    "Date" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "StartTime" TEXT NULL,
    "EndTime" TEXT NULL,
    "SiteId" INTEGER NULL,
    "WithdrawnAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Closures_Sites_SiteId" FOREIGN KEY ("SiteId") REFERENCES "Sites" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Leave" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Leave" PRIMARY KEY AUTOINCREMENT,
    "PractitionerId" INTEGER NOT NULL,
    "FirstDate" TEXT NOT NULL,
    "LastDate" TEXT NOT NULL,
    "StartTime" TEXT NULL,
    "EndTime" TEXT NULL,
    "WithdrawnAt" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Leave_Practitioners_PractitionerId" FOREIGN KEY ("PractitionerId") REFERENCES "Practitioners" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ReleaseRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReleaseRules" PRIMARY KEY AUTOINCREMENT,
    "Level" TEXT NOT NULL,
    "ServiceId" INTEGER NULL,
    "SessionKind" TEXT NULL,
    "SessionId" INTEGER NULL,
    "SlotId" TEXT NULL,
    "Channels" TEXT NOT NULL,
    "DefaultTerms" TEXT NOT NULL,
    "HandBack" TEXT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "ReplacesId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_ReleaseRules_ReleaseRules_ReplacesId" FOREIGN KEY ("ReplacesId") REFERENCES "ReleaseRules" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ReleaseRules_Services_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "Services" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Quotas" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Quotas" PRIMARY KEY AUTOINCREMENT,
    "Channel" TEXT NOT NULL,
    "Per" TEXT NOT NULL,
    "IsShare" INTEGER NOT NULL,
    "LimitValue" INTEGER NOT NULL,
    "ServiceId" INTEGER NULL,
    "OnlyOn" INTEGER NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "ReplacesId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Quotas_Quotas_ReplacesId" FOREIGN KEY ("ReplacesId") REFERENCES "Quotas" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Quotas_Services_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "Services" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PatientCaps" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PatientCaps" PRIMARY KEY AUTOINCREMENT,
    "MaxFutureBookings" INTEGER NOT NULL,
    "AppliesTo" TEXT NOT NULL,
    "EffectiveFrom" TEXT NOT NULL,
    "EffectiveTo" TEXT NULL,
    "ReplacesId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_PatientCaps_PatientCaps_ReplacesId" FOREIGN KEY ("ReplacesId") REFERENCES "PatientCaps" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Patients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Patients" PRIMARY KEY AUTOINCREMENT,
    "NhsNumber" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "DateOfBirth" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Appointments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Appointments" PRIMARY KEY,
    "SlotId" TEXT NOT NULL,
    "SessionKind" TEXT NOT NULL,
    "SessionId" INTEGER NOT NULL,
    "SlotDate" TEXT NOT NULL,
    "PractitionerId" INTEGER NOT NULL,
    "SiteId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "LocalStart" TEXT NOT NULL,
    "LocalEnd" TEXT NOT NULL,
    "PatientId" INTEGER NOT NULL,
    "ChannelKind" TEXT NOT NULL,
    "BookingOrganisation" TEXT NULL,
    "BookingOrganisationType" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CancellationReason" TEXT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedByName" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ChangedById" TEXT NOT NULL,
    "ChangedByName" TEXT NOT NULL,
    "ChangedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Appointments_Patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "Patients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appointments_Practitioners_PractitionerId" FOREIGN KEY ("PractitionerId") REFERENCES "Practitioners" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appointments_Services_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "Services" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appointments_Sites_SiteId" FOREIGN KEY ("SiteId") REFERENCES "Sites" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AppointmentStatusChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AppointmentStatusChanges" PRIMARY KEY AUTOINCREMENT,
    "AppointmentId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "FromStatus" TEXT NULL,
    "ToStatus" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "ById" TEXT NOT NULL,
    "ByName" TEXT NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_AppointmentStatusChanges_Appointments_AppointmentId" FOREIGN KEY ("AppointmentId") REFERENCES "Appointments" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApiClients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiClients" PRIMARY KEY AUTOINCREMENT,
    "ClientId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "OdsCode" TEXT NOT NULL,
    "ChannelKind" TEXT NOT NULL,
    "OrganisationType" TEXT NULL,
    "Scopes" TEXT NOT NULL,
    "JwksJson" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_ApiClients_ClientId" ON "ApiClients" ("ClientId");

CREATE INDEX "IX_Appointments_PatientId_StartsAt" ON "Appointments" ("PatientId", "StartsAt");

CREATE INDEX "IX_Appointments_PractitionerId_SlotDate" ON "Appointments" ("PractitionerId", "SlotDate");

CREATE INDEX "IX_Appointments_ServiceId" ON "Appointments" ("ServiceId");

CREATE INDEX "IX_Appointments_SiteId" ON "Appointments" ("SiteId");

CREATE INDEX "IX_Appointments_SlotDate" ON "Appointments" ("SlotDate");

CREATE UNIQUE INDEX "UX_Appointments_SlotId_Active" ON "Appointments" ("SlotId") WHERE "Status" <> 'Cancelled';

CREATE UNIQUE INDEX "IX_AppointmentStatusChanges_AppointmentId_Sequence" ON "AppointmentStatusChanges" ("AppointmentId", "Sequence");

CREATE INDEX "IX_Closures_Date" ON "Closures" ("Date");

CREATE INDEX "IX_Closures_SiteId" ON "Closures" ("SiteId");

CREATE UNIQUE INDEX "IX_DayEdits_TemplateId_Date" ON "DayEdits" ("TemplateId", "Date") WHERE "WithdrawnAt" IS NULL;

CREATE INDEX "IX_Leave_PractitionerId" ON "Leave" ("PractitionerId");

CREATE INDEX "IX_OneOffSessions_Date" ON "OneOffSessions" ("Date");

CREATE INDEX "IX_OneOffSessions_PractitionerId" ON "OneOffSessions" ("PractitionerId");

CREATE INDEX "IX_OneOffSessions_SiteId" ON "OneOffSessions" ("SiteId");

CREATE INDEX "IX_PatientCaps_ReplacesId" ON "PatientCaps" ("ReplacesId");

CREATE UNIQUE INDEX "IX_Patients_NhsNumber" ON "Patients" ("NhsNumber");

CREATE UNIQUE INDEX "IX_PractitionerIdentifiers_Kind_Value" ON "PractitionerIdentifiers" ("Kind", "Value");

CREATE INDEX "IX_Quotas_ReplacesId" ON "Quotas" ("ReplacesId");

CREATE INDEX "IX_Quotas_ServiceId" ON "Quotas" ("ServiceId");

CREATE INDEX "IX_ReleaseRules_ReplacesId" ON "ReleaseRules" ("ReplacesId");

CREATE INDEX "IX_ReleaseRules_ServiceId" ON "ReleaseRules" ("ServiceId");

CREATE INDEX "IX_SessionTemplates_PractitionerId" ON "SessionTemplates" ("PractitionerId");

CREATE INDEX "IX_SessionTemplates_SiteId" ON "SessionTemplates" ("SiteId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122090000_PracticeAndAppointments', '10.0.15');

COMMIT;
