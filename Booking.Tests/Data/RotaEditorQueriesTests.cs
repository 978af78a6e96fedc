using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Tests.Web;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The rota editor's reads on a real SQLite file seeded with the demo practice.</summary>
public sealed class RotaEditorQueriesTests : IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    public async Task DisposeAsync() => await _practice.DisposeAsync();

    [Fact]
    public async Task GetAffectedFromAsync_LeaveOverABookedSlot_ListsTheAppointmentAndSavesNothing()
    {
        var wednesday = _practice.Today.PlusDays(1);
        await _practice.Desk.BookAsync("Dr James Okafor", wednesday.At(new LocalTime(9, 30)),
            new PatientDetails(NhsNumber.Parse("9434765919"), "Pat Preview", new LocalDate(1980, 5, 17)));
        var config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
        var okafor = await _practice.Desk.PractitionerIdAsync("Dr James Okafor");
        var proposed = config.Rota.With(leave: config.Rota.Leave.Add(new PractitionerLeave(999, okafor, new DateInterval(wednesday, wednesday))));

        var affected = await Queries().GetAffectedFromAsync(proposed, _practice.Today);

        affected.Should().ContainSingle().Which.Appointment.Patient.Name.Should().Be("Pat Preview");
        affected[0].Impact.Should().Be(SlotImpact.Suppressed);
        (await _practice.Desk.Queries.GetConfigurationAsync())!.Rota.Leave.Should().BeEmpty("a preview changes nothing");
        (await Queries().GetAffectedFromAsync(proposed, wednesday.PlusDays(1))).Should().BeEmpty("appointments before the date asked for are not listed");
    }

    [Fact]
    public async Task GetDayEditsAsync_CancelledAndWithdrawnEdits_ReturnsOnlyTheOneInForceWithItsId()
    {
        var config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
        var template = config.Rota.Templates.First(t => t.DayOfWeek == IsoDayOfWeek.Thursday);
        var thursday = _practice.Today.PlusDays(2);
        var store = new ConfigurationStore(_practice.Database.CreateFactory(), _practice.Clock, new ConfigurationChangeFeed(NullLogger<ConfigurationChangeFeed>.Instance), NullLogger<ConfigurationStore>.Instance);
        var by = Booking.Data.Auditing.ActingParty.System("test");
        await store.CancelSessionOnAsync(template.Id, thursday, "CCG meeting", by);
        var withdrawn = await store.CancelSessionOnAsync(template.Id, thursday.PlusWeeks(1), "Training", by);
        var later = (await Queries().GetDayEditsAsync(new DateInterval(thursday.PlusWeeks(1), thursday.PlusWeeks(1)))).Single();
        await store.WithdrawDayEditAsync(later.Id, by);

        var edits = await Queries().GetDayEditsAsync(new DateInterval(thursday, thursday.PlusWeeks(2)));

        withdrawn.Succeeded.Should().BeTrue();
        edits.Should().ContainSingle();
        edits[0].Edit.Date.Should().Be(thursday);
        edits[0].Edit.CancellationReason.Should().Be("CCG meeting");
    }

    private RotaEditorQueries Queries()
    {
        var factory = _practice.Database.CreateFactory();
        return new RotaEditorQueries(factory, new PracticeConfigurationProvider(factory, _practice.Clock));
    }
}
