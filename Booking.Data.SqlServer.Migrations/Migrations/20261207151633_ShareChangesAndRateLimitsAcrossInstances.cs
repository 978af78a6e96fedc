using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.SqlServer.Migrations
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Instance = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Dates = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Slots = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ConfigurationVersion = table.Column<long>(type: "bigint", nullable: true),
                    WrittenAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitWindows",
                columns: table => new
                {
                    Partition = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    WindowStart = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Used = table.Column<int>(type: "int", nullable: false)
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
