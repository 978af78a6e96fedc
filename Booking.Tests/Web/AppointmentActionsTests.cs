using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>What staff see of an appointment's supporting information (the description and comment a booking party sent).</summary>
public sealed class AppointmentActionsTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public AppointmentActionsTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        Services.AddMudServices();
        this.AddAuthorization().SetAuthorized("reception@demo.practice");
    }

    [Fact]
    public async Task Render_AppointmentBookedWithDescriptionAndComment_ShowsThemAsANoteFromTheBookingParty()
    {
        var supporting = SupportingInformation.Create("Sore throat for 5 days", "Fever of 38.5C.\nCall back after 2pm.", out _)!;
        var appointment = await BookAsync(supporting);

        var rendered = await RenderAsync(appointment);

        var note = rendered.Find("[data-testid=supporting-information]");
        note.QuerySelector("h3")!.TextContent.Should().Be("Note from NHS 111");
        note.TextContent.Should().Contain("Sore throat for 5 days").And.Contain("Fever of 38.5C.\nCall back after 2pm.");
        note.QuerySelectorAll("textarea, input").Should().BeEmpty("staff read the note; nobody edits what the booking party sent");
    }

    [Fact]
    public async Task Render_AppointmentWithoutSupportingInformation_ShowsNoNote()
    {
        var rendered = await RenderAsync(await BookAsync(SupportingInformation.None));

        rendered.FindAll("[data-testid=supporting-information]").Should().BeEmpty();
    }

    /// <summary>Books 11:00 with Dr Patel as NHS 111 would and reads it back from the database, as the page does.</summary>
    private async Task<StoredAppointment> BookAsync(SupportingInformation supporting)
    {
        var slot = await _practice.Desk.SlotAsync("Dr Anita Patel", _practice.Today.At(new LocalTime(11, 0)));
        var outcome = await _practice.Desk.Bookings.BookAsync(
            new NewBooking(slot.Id, new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Example", new LocalDate(1980, 5, 17)), Channel.Reception)
            {
                SupportingInformation = supporting,
            },
            ActingParty.ApiClient("client-111", "NHS 111"));
        outcome.Succeeded.Should().BeTrue(outcome.Message);
        return (await _practice.Desk.Queries.GetAppointmentAsync(outcome.Appointment!.Appointment.Id))!;
    }

    private async Task<IRenderedComponent<AppointmentActions>> RenderAsync(StoredAppointment appointment)
    {
        var configuration = await _practice.Desk.Queries.GetConfigurationAsync();
        return Render<AppointmentActions>(parameters => parameters
            .Add(a => a.Appointment, appointment)
            .Add(a => a.Configuration, configuration!));
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
