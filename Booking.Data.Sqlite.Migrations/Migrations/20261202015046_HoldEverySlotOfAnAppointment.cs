using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HoldEverySlotOfAnAppointment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppointmentSlots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SessionKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocalStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocalEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppointmentSlots_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Written by hand: every appointment made before this migration holds one slot, its own, so each gets the
            // row that lets the new unique index guard its slot too.
            migrationBuilder.Sql(
                """
                INSERT INTO "AppointmentSlots"
                    ("AppointmentId", "Position", "SlotId", "SessionKind", "SessionId", "SlotDate", "StartsAt", "EndsAt", "LocalStart", "LocalEnd", "Status")
                SELECT "Id", 0, "SlotId", "SessionKind", "SessionId", "SlotDate", "StartsAt", "EndsAt", "LocalStart", "LocalEnd", "Status"
                FROM "Appointments";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentSlots_AppointmentId_Position",
                table: "AppointmentSlots",
                columns: new[] { "AppointmentId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentSlots_SlotDate",
                table: "AppointmentSlots",
                column: "SlotDate");

            migrationBuilder.CreateIndex(
                name: "UX_AppointmentSlots_SlotId_Active",
                table: "AppointmentSlots",
                column: "SlotId",
                unique: true,
                filter: "\"Status\" <> 'Cancelled'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppointmentSlots");
        }
    }
}
