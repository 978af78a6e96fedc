using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Rota;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The session form against the demo practice: every wrong field gets its message and nothing typed is lost.</summary>
public sealed class RotaSessionFormTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;
    private PracticeConfiguration _config = default!;
    private readonly List<RotaChange> _submitted = [];

    public RotaSessionFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public void Submit_SlotLengthNotDividingThePart_SaysSoNextToTheLengthAndKeepsTheTimes()
    {
        var form = RenderForm();
        Choose(form, "Dr Anita Patel", "Main surgery");
        form.Find("#session-day").Change(nameof(NodaTime.IsoDayOfWeek.Tuesday));
        FillPart(form, 0, "13:00", "14:05", "GP appointment");

        form.Find("form").Submit();

        form.Find("#part-0-length-error").TextContent.Should().Contain("65 minutes is not a whole number of 10-minute slots");
        form.Find("#part-0-length").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#part-0-start").GetAttribute("value").Should().Be("13:00");
        form.Find("#part-0-end").GetAttribute("value").Should().Be("14:05");
        form.Find("#session-day").GetAttribute("value").Should().Be("Tuesday");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_EndBeforeStartAndNothingChosen_SaysWhatIsWrongWithEachField()
    {
        var form = RenderForm();
        FillPart(form, 0, "12:00", "11:00", null);

        form.Find("form").Submit();

        form.Find("#session-practitioner-error").TextContent.Should().Be("Choose the clinician.");
        form.Find("#session-site-error").TextContent.Should().Be("Choose the site.");
        form.Find("#session-day-error").TextContent.Should().Be("Choose the day of the week.");
        form.Find("#part-0-end-error").TextContent.Should().Be("The end time must be after the start time.");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_PartsWithAGapAndOnlyBreaks_NamesTheGap()
    {
        var form = RenderForm();
        Choose(form, "Dr Anita Patel", "Main surgery");
        form.Find("#session-day").Change("Monday");
        FillPart(form, 0, "09:00", "10:00", "GP appointment");
        form.FindAll("button").Single(b => b.TextContent == "Add a part").Click();
        FillPart(form, 1, "10:10", "10:20", null);

        form.Find("form").Submit();

        form.Find("#part-1-start-error").TextContent.Should().Contain("Start at 10:00");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_ValidSessionWithABreak_ProposesATemplateThatRunsThatDay()
    {
        var form = RenderForm();
        Choose(form, "Dr Anita Patel", "Main surgery");
        form.Find("#session-day").Change("Saturday");
        FillPart(form, 0, "09:00", "10:00", "GP appointment");
        form.FindAll("button").Single(b => b.TextContent == "Add a part").Click();
        FillPart(form, 1, "10:00", "10:15", null);
        form.FindAll("button").Single(b => b.TextContent == "Add a part").Click();
        FillPart(form, 2, "10:15", "11:15", "GP telephone appointment");

        form.Find("form").Submit();

        _submitted.Should().ContainSingle();
        var proposed = _submitted[0].Edit.Apply(_config.Rota, new RotaEditContext(_config.LoadedFor)).Proposed!;
        var added = proposed.Templates.Except(_config.Rota.Templates).Single();
        added.DayOfWeek.Should().Be(NodaTime.IsoDayOfWeek.Saturday);
        added.Layout.Times.Should().Be(LocalTimeRange.Parse("09:00-11:15"));
        added.Layout.Segments.OfType<SessionBreak>().Single().Times.Should().Be(LocalTimeRange.Parse("10:00-10:15"));
        added.Layout.SlotCount.Should().Be(12);
    }

    private IRenderedComponent<SessionForm> RenderForm() => Render<SessionForm>(parameters => parameters
        .Add(f => f.Mode, SessionFormMode.Template)
        .Add(f => f.Config, _config)
        .Add(f => f.OnSubmit, change => _submitted.Add(change)));

    private void Choose(IRenderedComponent<SessionForm> form, string practitioner, string site)
    {
        form.Find("#session-practitioner").Change(_config.Practitioners.Single(p => p.Practitioner.Name == practitioner).Practitioner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#session-site").Change(_config.Sites.Single(s => s.Site.Name == site).Site.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void FillPart(IRenderedComponent<SessionForm> form, int index, string from, string to, string? service)
    {
        form.Find($"#part-{index}-start").Change(from);
        form.Find($"#part-{index}-end").Change(to);
        var serviceId = service is null ? "" : _config.Services.Single(s => s.Service.Name == service).Service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.Find($"#part-{index}-service").Change(serviceId);
    }
}
