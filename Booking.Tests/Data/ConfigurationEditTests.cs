using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The edits of existing rows (rename, update, retire, end): one path that finds, version-checks, changes and audits.</summary>
public sealed class ConfigurationEditTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private TestPractice _practice = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Edits_EachKindOfRow_AuditsItsActionWithTheRowBeforeAndAfter()
    {
        var by = DataStores.Receptionist;
        var retiredOn = new LocalDate(2026, 7, 1);
        (await _stores.Store.RenameSiteAsync(_practice.SiteId, "Riverside surgery", by)).Value!.Name.Should().Be("Riverside surgery");
        (await _stores.Store.UpdateServiceAsync(_practice.ServiceId, ServiceDetails(), by)).Value!.Name.Should().Be("GP telephone appointment");
        (await _stores.Store.EndSessionTemplateAsync(_practice.Template.Id, retiredOn, by)).Value!.EffectiveTo.Should().Be(retiredOn);
        (await _stores.Store.RetirePractitionerAsync(_practice.PractitionerId, retiredOn, by)).Succeeded.Should().BeTrue();
        (await _stores.Store.RetireSiteAsync(_practice.SiteId, retiredOn, by)).Succeeded.Should().BeTrue();

        await using var db = await _stores.Factory.CreateDbContextAsync();
        var entries = await db.AuditEntries.OrderByDescending(e => e.Id).Take(5).OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => (e.Action, e.SubjectType)).Should().Equal(
            ("site.changed", "Site"),
            ("service.changed", "Service"),
            ("session-template.ended", "SessionTemplate"),
            ("practitioner.retired", "Practitioner"),
            ("site.retired", "Site"));
        entries.Should().OnlyContain(e => e.Before != null && e.After != null && e.Actor == by.Name);
        entries[0].Before.Should().Contain("Main surgery");
        entries[0].After.Should().Contain("Riverside surgery");
    }

    [Fact]
    public async Task Edits_UnknownId_AnswerNotFoundNamingWhatWasMissing()
    {
        var by = DataStores.Receptionist;

        var site = await _stores.Store.RenameSiteAsync(999, "Nowhere", by);
        var template = await _stores.Store.EndSessionTemplateAsync(998, new LocalDate(2026, 7, 1), by);

        site.Problem.Should().Be(ConfigurationProblem.NotFound);
        site.Message.Should().Contain("site 999");
        template.Problem.Should().Be(ConfigurationProblem.NotFound);
        template.Message.Should().Contain("session template 998");
    }

    [Fact]
    public async Task UpdateSessionTemplateAsync_SiteThatDoesNotExist_RefusedWithTheReasonAndNothingChanges()
    {
        var details = new WeeklySession(_practice.PractitionerId, 4242, IsoDayOfWeek.Monday, _practice.Template.Layout, new LocalDate(2026, 5, 4));

        var result = await _stores.Store.UpdateSessionTemplateAsync(_practice.Template.Id, details, DataStores.Receptionist);

        result.Problem.Should().Be(ConfigurationProblem.Invalid);
        result.Message.Should().Be("Site 4242 does not exist or is retired.");
        var config = await _stores.Queries.GetConfigurationAsync();
        config!.Rota.Templates.Should().ContainSingle().Which.SiteId.Should().Be(_practice.SiteId);
        await using var db = await _stores.Factory.CreateDbContextAsync();
        (await db.AuditEntries.CountAsync(e => e.Action == "session-template.changed")).Should().Be(0);
    }

    private static ServiceDetails ServiceDetails() =>
        new("GP telephone appointment", SlotLength.FromMinutes(10), DeliveryMode.Telephone, NationalAppointmentCategory.GeneralConsultationRoutine, [PractitionerRole.Gp]);
}
