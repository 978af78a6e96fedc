using System.Net;
using System.Net.Http.Json;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Identity;
using Booking.Tests.TestSupport;
using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// The load door (<c>Booking:LoadDoor</c>): mapped only in Development with the setting, and then a staff booking
/// through it is the booking form's, with the reception pages' roles.
/// </summary>
public sealed class LoadDoorTests
{
    [Theory]
    [InlineData("Production", "true")]
    [InlineData("Staging", "true")]
    [InlineData("Development", null)]
    [InlineData("Development", "false")]
    public async Task MapLoadDoor_OutsideDevelopmentOrWithoutTheSetting_MapsNothing(string environment, string? setting)
    {
        await using var app = AppIn(environment, setting);

        app.MapLoadDoor();

        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).Should().BeEmpty();
    }

    [Fact]
    public async Task MapLoadDoor_DevelopmentWithTheSetting_MapsTheBookingAndTheLockFigures()
    {
        await using var app = AppIn("Development", "true");

        app.MapLoadDoor();

        ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText)
            .Should().BeEquivalentTo(LoadDoor.StaffBookingPath, LoadDoor.WriteLockPath, LoadDoor.WriteLockPath + "/reset");
    }

    [Fact]
    public async Task PostStaffBooking_WithoutTheSetting_NoEndpointAnswersEvenForAReceptionist()
    {
        using var factory = new BookingWebFactory();
        using var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        var request = await FreeSlotBookingAsync(factory);

        using var booking = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request);
        using var reset = await client.PostAsync(LoadDoor.WriteLockPath + "/reset", null);
        using var figures = await client.GetAsync(LoadDoor.WriteLockPath);

        // Only the Blazor pages' GET routes match the paths (405 for a POST; for a GET the app's "not found" page).
        booking.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        reset.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        figures.Content.Headers.ContentType?.MediaType.Should().NotBe("application/json");
        (await StoredAsync(factory, request.AppointmentId)).Should().BeNull();
    }

    [Fact]
    public async Task PostStaffBooking_Receptionist_BooksThroughTheBookingServiceAndARetryGetsTheSameBooking()
    {
        using var factory = new OpenDoorFactory();
        using var client = await StaffSignIn.SignedInClientAsync(factory, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword);
        var request = await FreeSlotBookingAsync(factory);

        using var first = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request);
        using var retry = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request);
        using var another = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request with { NhsNumber = TestNhsNumbers.Next(), AppointmentId = Guid.NewGuid() });

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<LoadDoor.StaffBookingAnswer>()).Should().Be(new LoadDoor.StaffBookingAnswer("booked", request.AppointmentId, null));
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        another.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await another.Content.ReadFromJsonAsync<LoadDoor.StaffBookingAnswer>())!.Outcome.Should().Be("taken");
        (await StoredAsync(factory, request.AppointmentId)).Should().Be(
            new Stored(AuditActorKind.Staff, await DisplayNameAsync(factory, StaffSignIn.ReceptionistEmail)), "booked once, by the signed-in receptionist");
    }

    [Fact]
    public async Task PostStaffBooking_SignedInWithoutAReceptionRole_IsRefusedAndBooksNothing()
    {
        using var factory = new OpenDoorFactory();
        const string email = "no-role@demo.practice";
        const string password = "No-Role-Password-2026!";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            (await users.CreateAsync(new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "No Role" }, password)).Succeeded.Should().BeTrue();
        }

        using var client = await StaffSignIn.SignedInClientAsync(factory, email, password);
        var request = await FreeSlotBookingAsync(factory);

        using var response = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the reception roles are required, as on the reception pages");
        (await StoredAsync(factory, request.AppointmentId)).Should().BeNull();
    }

    [Fact]
    public async Task PostStaffBooking_Anonymous_IsChallengedAndBooksNothing()
    {
        using var factory = new OpenDoorFactory();
        using var client = StaffSignIn.CreateClient(factory);
        var request = await FreeSlotBookingAsync(factory);

        using var response = await client.PostAsJsonAsync(LoadDoor.StaffBookingPath, request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an API endpoint challenges with 401 rather than the sign-in page");
        (await StoredAsync(factory, request.AppointmentId)).Should().BeNull();
    }

    private static WebApplication AppIn(string environment, string? setting)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (setting is not null)
        {
            builder.Configuration[LoadDoor.SettingName] = setting;
        }

        return builder.Build();
    }

    private static async Task<LoadDoor.StaffBooking> FreeSlotBookingAsync(BookingWebFactory factory)
    {
        var queries = factory.Services.GetRequiredService<BookingQueries>();
        var today = PracticeTime.Today(factory.Clock);
        var free = (await queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(today, today.PlusDays(7)))).Offered.First();
        return new LoadDoor.StaffBooking(free.Id.Value, TestNhsNumbers.Next(), "Door Patient", "1975-03-14", Guid.NewGuid());
    }

    /// <summary>Who the audit log says booked appointment <paramref name="id"/>, or null when nothing was booked under it.</summary>
    private static async Task<Stored?> StoredAsync(BookingWebFactory factory, Guid id)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<BookingDbContext>>().CreateDbContextAsync();
        if (!await db.Appointments.AnyAsync(a => a.Id == id))
        {
            return null;
        }

        var booked = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "appointment.booked" && e.SubjectId == id.ToString());
        return new Stored(booked.ActorKind, booked.Actor);
    }

    private static async Task<string> DisplayNameAsync(BookingWebFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.DisplayName;
    }

    private sealed record Stored(AuditActorKind By, string Actor);

    /// <summary>The real app in Development with the load door open, as the load harness starts it.</summary>
    private sealed class OpenDoorFactory : BookingWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(LoadDoor.SettingName, "true");
        }
    }
}
