using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Booking.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ShareChangesAndRateLimitsAcrossInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Instance = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Dates = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Slots = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ConfigurationVersion = table.Column<long>(type: "bigint", nullable: true),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitWindows",
                columns: table => new
                {
                    Partition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Used = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitWindows", x => new { x.Partition, x.WindowStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeNotices_WrittenAt",
                table: "ChangeNotices",
                column: "WrittenAt");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitWindows_WindowStart",
                table: "RateLimitWindows",
                column: "WindowStart");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeNotices");

            migrationBuilder.DropTable(
                name: "RateLimitWindows");
        }
    }
}
