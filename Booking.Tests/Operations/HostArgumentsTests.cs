using Booking.Web.Infrastructure;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Operations;

/// <summary>Which words go to the host's configuration and which name an operator command.</summary>
public sealed class HostArgumentsTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5080")]
    [InlineData("--environment=Production", "--ConnectionStrings:Booking=Data Source=/srv/booking/booking.db")]
    [InlineData("--contentRoot", "/srv/booking", "--Fhir:RateLimit:RequestsPerMinute", "600")]
    // What WebApplicationFactory passes to the entry point: its host configuration, sections included.
    [InlineData(
        "--environment=Development", "--contentRoot=/repo/Booking.Web", "--applicationName=Booking.Web", "--ConnectionStrings=",
        "--ConnectionStrings:Booking=Data Source=x.db", "--Fhir=", "--Fhir:RateLimit=", "--Fhir:RateLimit:RequestsPerMinute=5")]
    public void Split_OnlyHostSettings_StartsTheWebApp(params string[] args)
    {
        var split = HostArguments.Split(args);

        split.IsCommand.Should().BeFalse();
        split.Command.Should().BeEmpty();
    }

    [Fact]
    public void Split_HostSettingsBeforeBetweenAndAfter_GoToTheHostAndTheCommandKeepsItsOrder()
    {
        var split = HostArguments.Split([
            "--environment", "Production", "staff", "add", "--email", "pat@practice.nhs.uk", "--contentRoot", "/srv/booking",
            "--name", "Pat", "--ConnectionStrings:Booking=Data Source=b.db", "--role", "manager", "--password-stdin",
        ]);

        split.IsCommand.Should().BeTrue();
        split.Command.Should().Equal("staff", "add", "--email", "pat@practice.nhs.uk", "--name", "Pat", "--role", "manager", "--password-stdin");
        split.HostSettings.Should().Equal("--environment=Production", "--contentRoot=/srv/booking", "--ConnectionStrings:Booking=Data Source=b.db");
    }

    [Fact]
    public void Split_CommandOptionWithEqualsSign_StaysWithTheCommand()
    {
        var split = HostArguments.Split(["staff", "disable", "--email=pat@practice.nhs.uk"]);

        split.Command.Should().Equal("staff", "disable", "--email=pat@practice.nhs.uk");
        split.HostSettings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("--help")]
    [InlineData("--bogus")]
    [InlineData("--chanel=online")]
    public void Split_AnythingButAHostSetting_IsForTheCommandLineParser(string word)
    {
        var split = HostArguments.Split(["--environment", "Production", word]);

        split.IsCommand.Should().BeTrue();
        split.Command.Should().Equal(word);
    }

    [Theory]
    [InlineData("backup", "copy.db", "--contentRoot")]
    [InlineData("--contentRoot", "--ConnectionStrings:Booking=Data Source=b.db")]
    public void Split_HostSettingWithoutItsValue_IsAProblemNotAWebApp(params string[] args)
    {
        var split = HostArguments.Split(args);

        split.IsCommand.Should().BeTrue();
        split.Problem.Should().Contain("--contentRoot");
    }
}
