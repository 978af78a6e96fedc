using Booking.Core.Appointments;
using Booking.Data.Appointments;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// Usability finding 4: moving offered one list of 549 free slots with the first preselected, so "Move" without a
/// choice moved the patient to a slot nobody picked. Now staff narrow a short list and must choose.
/// </summary>
public sealed class MovePanelTests : BunitContext, IAsyncLifetime
{
    private const string Patel = "Dr Anita Patel";
    private const string Okafor = "Dr James Okafor";
    private ReceptionPractice _practice = default!;

    public MovePanelTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        Services.AddMudServices();
        var auth = this.AddAuthorization();
        auth.SetAuthorized("reception@demo.practice");
        auth.SetRoles("Receptionist");
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-sam"),
            new System.Security.Claims.Claim("display_name", "Sam Taylor"));
    }

    [Fact]
    public async Task Open_ListsAShortListOfTheSameServiceWithNothingChosen()
    {
        var actions = await OpenMoveAsync();

        var choices = actions.FindAll("[data-testid=move-panel] input[type=radio]");
        choices.Should().HaveCount(20, "the list is short and says how to see later slots");
        choices.Should().OnlyContain(c => !c.HasAttribute("checked"));
        actions.Find("[data-testid=move-panel] legend").TextContent.Should().Contain("the first 20 free");
        ChoiceLabels(actions)[0].Should().StartWith("Tue 24 Nov 2026", "the list starts at the appointment's own day");
    }

    [Fact]
    public async Task Move_WithoutAChoice_SaysChooseFirstAndMovesNothing()
    {
        var appointment = await BookAsync();
        var actions = await OpenMoveAsync(appointment);

        actions.Find("[data-testid=move-panel]").Submit();

        actions.Find("#move-choice-error").TextContent.Should().Be("Choose the new slot first.");
        (await _practice.Desk.Queries.GetAppointmentAsync(appointment.Appointment.Id))!.Appointment.Status.Should().Be(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Filters_ClinicianAndTimeOfDay_NarrowTheListAsTheyChange()
    {
        var actions = await OpenMoveAsync();

        actions.Find("#move-practitioner").Change((await _practice.Desk.PractitionerIdAsync(Okafor)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        actions.Find("#move-time").Change("Afternoon");
        actions.Find("#move-from").Change("2026-11-25");

        actions.WaitForAssertion(() =>
        {
            var labels = ChoiceLabels(actions);
            labels.Should().NotBeEmpty();
            labels.Should().OnlyContain(l => l.Contains(Okafor));
            labels.Select(l => l[(l.IndexOf(" at ", StringComparison.Ordinal) + 4)..][..5]).Should().OnlyContain(t => string.CompareOrdinal(t, "12:00") >= 0 && string.CompareOrdinal(t, "17:00") < 0);
            labels.Should().NotContain(l => l.StartsWith("Tue 24 Nov", StringComparison.Ordinal), "the list follows the day chosen");
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Move_ChosenSlot_MovesThereAndSaysWhere()
    {
        var appointment = await BookAsync();
        var actions = await OpenMoveAsync(appointment);
        var target = await _practice.Desk.SlotAsync(Okafor, _practice.Today.PlusDays(1).At(new LocalTime(9, 30)));
        actions.Find("#move-practitioner").Change((await _practice.Desk.PractitionerIdAsync(Okafor)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        actions.Find("#move-from").Change("2026-11-25");
        actions.WaitForAssertion(() => actions.Find($"#move-to-{target.Id.Value}"), TimeSpan.FromSeconds(10));

        actions.Find($"#move-to-{target.Id.Value}").Change(true);
        actions.Find("[data-testid=move-panel]").Submit();

        actions.WaitForAssertion(() => _changed.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        _changed!.Message.Should().Be($"Moved to Wed 25 Nov 2026 at 09:30 with {Okafor}.");
        _changed.Appointment!.Appointment.Slot.Id.Should().Be(target.Id);
    }

    private AppointmentChanged? _changed;

    private static List<string> ChoiceLabels(IRenderedComponent<AppointmentActions> actions) =>
        actions.FindAll("[data-testid=move-panel] label")
            .Where(l => l.GetAttribute("for")!.StartsWith("move-to-", StringComparison.Ordinal))
            .Select(l => l.TextContent.Trim())
            .ToList();

    private async Task<StoredAppointment> BookAsync()
    {
        var booked = await _practice.Desk.BookAsync(
            Patel, _practice.Today.At(new LocalTime(11, 0)), new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Example", new LocalDate(1980, 5, 17)));
        return (await _practice.Desk.Queries.GetAppointmentAsync(booked.Appointment.Id))!;
    }

    private async Task<IRenderedComponent<AppointmentActions>> OpenMoveAsync(StoredAppointment? appointment = null)
    {
        appointment ??= await BookAsync();
        var configuration = await _practice.Desk.Queries.GetConfigurationAsync();
        var actions = Render<AppointmentActions>(parameters => parameters
            .Add(a => a.Appointment, appointment)
            .Add(a => a.Configuration, configuration!)
            .Add(a => a.OnChanged, change => _changed = change));
        actions.FindAll("button").Single(b => b.TextContent.Trim() == "Move…").Click();
        actions.WaitForAssertion(() => actions.FindAll("[data-testid=move-panel] input[type=radio]").Should().NotBeEmpty(), TimeSpan.FromSeconds(10));
        return actions;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
