using Booking.Core.Appointments;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>Arrived and did-not-attend at the desk (issue 18, item 7): reception's actions on one appointment against the demo practice (clock Tuesday 24 November 2026, 10:05).</summary>
public sealed class AppointmentActionsOutcomeTests : IAsyncLifetime
{
    private const string Patel = "Dr Anita Patel";
    private static readonly ActingParty Desk = ActingParty.Staff("user-sam", "Sam Taylor");
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public Task DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task UndoArrived_ArrivedAppointment_IsBookedAgainAndAudited()
    {
        var booked = await BookAsync(new LocalTime(11, 0), "Ari Rived");
        var arrived = (await _practice.Desk.Bookings.MarkArrivedAsync(booked.Appointment.Id, Desk)).Appointment!;
        await using var ctx = NewContext();
        AppointmentChanged? changed = null;
        var actions = Render(ctx, arrived, c => changed = c);

        actions.FindAll("button").Select(b => b.TextContent.Trim()).Should().Equal("Undo arrived");
        actions.Find("button").Click();

        actions.WaitForAssertion(() => changed.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        changed!.Message.Should().Be("Arrival undone: booked again.");
        changed.Appointment!.Appointment.Status.Should().Be(AppointmentStatus.Booked);
        await using var db = await _practice.Database.CreateFactory().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(e => e.SubjectId == booked.Appointment.Id.ToString()).OrderBy(e => e.Id).LastAsync();
        (audit.Action, audit.Actor).Should().Be(("appointment.outcome-undone", "Sam Taylor"));
    }

    [Fact]
    public async Task UndoDidNotAttend_MissedAppointment_OffersTheUndo()
    {
        var booked = await BookAsync(new LocalTime(9, 10), "Dee Enay");
        var missed = (await _practice.Desk.Bookings.MarkDidNotAttendAsync(booked.Appointment.Id, Desk)).Appointment!;
        await using var ctx = NewContext();
        AppointmentChanged? changed = null;
        var actions = Render(ctx, missed, c => changed = c);

        actions.Find("button").Click();

        actions.WaitForAssertion(() => changed.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        changed!.Message.Should().Be("Did not attend undone: booked again.");
    }

    [Fact]
    public async Task MarkDidNotAttend_BeforeTheSlotHasEnded_ShowsWhyAndStaysBooked()
    {
        // 10:40 to 10:50 with the clock at 10:45: the patient may still come.
        var booked = await BookAsync(new LocalTime(10, 40), "Lay Tcomer");
        _practice.Clock.Reset(_practice.Clock.GetCurrentInstant() + Duration.FromMinutes(40));
        await using var ctx = NewContext();
        var actions = Render(ctx, booked, _ => { });

        actions.FindAll("button").Single(b => b.TextContent.Trim() == "Mark did not attend").Click();

        actions.WaitForAssertion(() => actions.Find("[data-testid=action-refusal]").TextContent
            .Should().Be("Did-not-attend can be recorded only once the appointment has ended, at 10:50; the patient may still arrive."), TimeSpan.FromSeconds(10));
        (await _practice.Desk.Queries.GetAppointmentAsync(booked.Appointment.Id))!.Appointment.Status.Should().Be(AppointmentStatus.Booked);
    }

    private async Task<StoredAppointment> BookAsync(LocalTime start, string name)
    {
        var now = _practice.Clock.GetCurrentInstant();
        _practice.Clock.Reset(now - Duration.FromHours(3));
        var booked = await _practice.Desk.BookAsync(Patel, _practice.Today.At(start), new PatientDetails(NhsNumber.Parse(TestSupport.TestNhsNumbers.Next()), name, new LocalDate(1980, 1, 2)));
        _practice.Clock.Reset(now);
        return booked;
    }

    private BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _practice.AddTo(ctx);
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("reception@demo.practice");
        auth.SetRoles(StaffRoles.Receptionist);
        // After the roles: bUnit drops claims set before SetRoles.
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-sam"),
            new System.Security.Claims.Claim("display_name", "Sam Taylor"));
        return ctx;
    }

    private IRenderedComponent<AppointmentActions> Render(BunitContext ctx, StoredAppointment appointment, Action<AppointmentChanged> onChanged)
    {
        var config = _practice.Desk.Queries.GetConfigurationAsync().GetAwaiter().GetResult()!;
        return ctx.Render<AppointmentActions>(parameters => parameters
            .Add(a => a.Appointment, appointment)
            .Add(a => a.Configuration, config)
            .Add(a => a.OnChanged, onChanged));
    }
}
