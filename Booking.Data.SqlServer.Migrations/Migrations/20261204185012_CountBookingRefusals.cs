using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Booking.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CountBookingRefusals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BookingRefusalCounts",
                columns: table => new
                {
                    SlotDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ChannelGroup = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingRefusalCounts", x => new { x.SlotDate, x.ChannelGroup, x.Reason });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingRefusalCounts");
        }
    }
}
