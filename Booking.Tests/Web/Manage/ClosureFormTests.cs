using System.Globalization;
using Booking.Core.Scheduling;
using Booking.Data.Configuration;
using Booking.Web.Components.Pages.Manage.Rota;
using Bunit;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The closure form has no default that closes anything: date, how long and where are each chosen (issue 18, item 8).</summary>
public sealed class ClosureFormTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;
    private PracticeConfiguration _config = default!;
    private readonly List<RotaChange> _submitted = [];

    public ClosureFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _config = (await _practice.Desk.Queries.GetConfigurationAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public void Open_Fresh_PreselectsNoDateNoLengthAndNoSite()
    {
        var form = RenderForm();

        form.Find("#closure-date").GetAttribute("value").Should().BeNullOrEmpty();
        form.FindAll("input[name=closure-when]").Should().OnlyContain(radio => !radio.HasAttribute("checked"));
        form.Find("#closure-site").GetAttribute("value").Should().BeEmpty();
    }

    [Fact]
    public void Submit_OnlyAReason_SaysWhatIsMissingNextToEachFieldAndProposesNothing()
    {
        var form = RenderForm();
        form.Find("#closure-reason").Input("Training");

        form.Find("form").Submit();

        form.Find("#closure-date-error").TextContent.Should().Be("Enter the first date, or the only date.");
        form.Find("#closure-when-error").TextContent.Should().Be("Choose all day or part of the day.");
        form.Find("#closure-site-error").TextContent.Should().Be("Choose the site that closes, or every site.");
        form.Find("#closure-site").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("fieldset[role=radiogroup]").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#closure-reason").GetAttribute("value").Should().Be("Training", "nothing typed is lost");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_PartOfTheDayAtOneSite_ConfirmationNamesTheSiteDateAndTimes()
    {
        var site = _config.Sites[0].Site;
        var form = RenderForm();
        form.Find("#closure-date").Change(Iso(_config.LoadedFor.PlusDays(7)));
        form.FindAll("input[name=closure-when]")[1].Change(true);
        form.Find("#closure-start").Change("13:00");
        form.Find("#closure-end").Change("17:30");
        form.Find("#closure-site").Change(site.Id.ToString(CultureInfo.InvariantCulture));
        form.Find("#closure-reason").Input("Protected learning time");

        form.Find("form").Submit();

        _submitted.Should().ContainSingle().Which.Confirmation.Should().Be(
            $"This closes {site.Name} only on {_config.LoadedFor.PlusDays(7).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, from 13:00 to 17:30.");
    }

    [Fact]
    public void Submit_AllDayEverySite_ConfirmationSaysTheWholePractice()
    {
        var form = RenderForm();
        form.Find("#closure-date").Change(Iso(_config.LoadedFor));
        form.FindAll("input[name=closure-when]")[0].Change(true);
        form.Find("#closure-site").Change("every");
        form.Find("#closure-reason").Input("Fire drill");

        form.Find("form").Submit();

        _submitted.Should().ContainSingle().Which.Confirmation.Should().Contain("every site, the whole practice,").And.EndWith("all day.");
    }

    [Fact]
    public void Submit_ChristmasWeekEverySite_ConfirmationNamesTheFirstAndLastDatesAndProposesEachDay()
    {
        var first = _config.LoadedFor.PlusDays(7);
        var form = RenderForm();
        form.Find("#closure-date").Change(Iso(first));
        form.Find("#closure-last").Change(Iso(first.PlusDays(4)));
        form.FindAll("input[name=closure-when]")[0].Change(true);
        form.Find("#closure-site").Change("every");
        form.Find("#closure-reason").Input("Christmas");

        form.Find("form").Submit();

        var change = _submitted.Should().ContainSingle().Subject;
        change.Confirmation.Should().Be(
            $"This closes every site, the whole practice, every day from {Day(first)} to {Day(first.PlusDays(4))} (5 days), all day.");
        change.Edit.Apply(_config.Rota, new RotaEditContext(_config.LoadedFor)).Proposed!.Closures.Where(c => c.Reason == "Christmas").Select(c => c.Date).Should().Equal(new NodaTime.DateInterval(first, first.PlusDays(4)));
    }

    [Fact]
    public void Submit_LastDateBeforeTheFirst_SaysSoNextToTheLastDate()
    {
        var form = RenderForm();
        form.Find("#closure-date").Change(Iso(_config.LoadedFor.PlusDays(7)));
        form.Find("#closure-last").Change(Iso(_config.LoadedFor.PlusDays(6)));

        form.Find("form").Submit();

        form.Find("#closure-last-error").TextContent.Should().Be("The last date must be on or after the first date.");
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Submit_MoreDaysThanCoreAllows_SaysCoresLimitNextToTheLastDateUntilItIsPutRight()
    {
        var form = RenderForm();
        form.Find("#closure-date").Change(Iso(_config.LoadedFor));
        form.Find("#closure-last").Change(Iso(_config.LoadedFor.PlusDays(Closure.MaxDaysAtOnce)));

        form.Find("form").Submit();

        form.Find("#closure-last-error").TextContent.Should().Be(Closure.TooManyDaysMessage);
        form.Find("#closure-last").Change(Iso(_config.LoadedFor.PlusDays(Closure.MaxDaysAtOnce - 1)));
        form.Find("#closure-last-error").TextContent.Should().BeEmpty();
        _submitted.Should().BeEmpty();
    }

    [Fact]
    public void Correcting_AFieldWithAMessage_RemovesThatMessageAtOnceAndKeepsTheOthers()
    {
        var form = RenderForm();
        form.Find("form").Submit();

        form.Find("#closure-date").Change(Iso(_config.LoadedFor));
        form.Find("#closure-reason").Input("Fire drill");

        form.Find("#closure-date-error").TextContent.Should().BeEmpty();
        form.Find("#closure-date").HasAttribute("aria-invalid").Should().BeFalse();
        form.Find("#closure-reason-error").TextContent.Should().BeEmpty();
        form.Find("#closure-site-error").TextContent.Should().Be("Choose the site that closes, or every site.");
    }

    [Fact]
    public void Correcting_AFieldBeforeAnySubmit_ShowsNoMessageForTheOthers()
    {
        var form = RenderForm();

        form.Find("#closure-date").Change(Iso(_config.LoadedFor));

        form.FindAll(".reception-field-problem").Should().OnlyContain(problem => problem.TextContent.Length == 0);
    }

    private static string Day(NodaTime.LocalDate date) => date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private IRenderedComponent<ClosureForm> RenderForm() =>
        Render<ClosureForm>(parameters => parameters.Add(f => f.Config, _config).Add(f => f.OnSubmit, change => _submitted.Add(change)));

    private static string Iso(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
