using System.Globalization;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Rota;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>A rota form refuses a date that has passed next to the field, before the store would (issue 18, item 3).</summary>
public sealed class RotaPastDateFormTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;
    private PracticeConfiguration _config = default!;
    private readonly List<RotaChange> _submitted = [];

    public RotaPastDateFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    private string LastWeek => _config.LoadedFor.PlusDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Today => _config.LoadedFor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Closure_OnADayThatHasPassed_SaysSoNextToTheDate()
    {
        var form = Render<ClosureForm>(parameters => parameters.Add(f => f.Config, _config).Add(f => f.OnSubmit, change => _submitted.Add(change)));
        form.Find("#closure-date").Change(LastWeek);
        form.Find("#closure-reason").Input("Training");

        form.Find("form").Submit();

        form.Find("#closure-date-error").TextContent.Should().Contain("past days keep the rota they had");
        form.Find("#closure-date").GetAttribute("aria-invalid").Should().Be("true");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Closure_Today_IsProposed()
    {
        var form = Render<ClosureForm>(parameters => parameters.Add(f => f.Config, _config).Add(f => f.OnSubmit, change => _submitted.Add(change)));
        form.Find("#closure-date").Change(Today);
        form.FindAll("input[name=closure-when]")[0].Change(true);
        form.Find("#closure-site").Change("every");
        form.Find("#closure-reason").Input("Fire drill");

        form.Find("form").Submit();

        _submitted.Should().ContainSingle();
    }

    [Fact]
    public void Leave_StartingInThePast_SaysSoNextToTheFirstDay()
    {
        var form = Render<LeaveForm>(parameters => parameters.Add(f => f.Config, _config).Add(f => f.OnSubmit, change => _submitted.Add(change)));
        form.Find("#leave-practitioner").Change(_config.Practitioners[0].Practitioner.Id.ToString(CultureInfo.InvariantCulture));
        form.Find("#leave-first").Change(LastWeek);
        form.Find("#leave-last").Change(Today);

        form.Find("form").Submit();

        form.Find("#leave-first-error").TextContent.Should().Contain("past days keep the rota they had");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void WeeklySession_StartingLastWeek_SaysSoNextToTheFirstDate()
    {
        var form = Render<SessionForm>(parameters => parameters
            .Add(f => f.Mode, SessionFormMode.Template)
            .Add(f => f.Config, _config)
            .Add(f => f.OnSubmit, change => _submitted.Add(change)));
        form.Find("#session-from").Change(LastWeek);

        form.Find("form").Submit();

        form.Find("#session-from-error").TextContent.Should().Contain("past days keep the rota they had");
        _submitted.Should().BeEmpty();
    }
}
