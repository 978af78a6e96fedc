using Booking.Load;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Load;

/// <summary><c>Booking.Load</c>'s command line: help and mistakes run no scenario (each would start the app for minutes).</summary>
public sealed class LoadCommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("rush", "--help")]
    public async Task Help_PrintsTheUsageAndRunsNothing(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        exitCode.Should().Be(0, error);
        output.Should().Contain("Usage:").And.Contain("circuits").And.Contain("--quick").And.Contain("--instances");
        output.Should().NotContain("cores, load average", "no scenario started");
    }

    [Theory]
    [InlineData("stampede")]
    [InlineData("--fast")]
    [InlineData("rush", "crash")]
    [InlineData("rush", "--quick", "--verbose")]
    [InlineData("rush", "--query", "/fhir/Slot?status=free")]
    [InlineData("search", "--query", "/metadata")]
    [InlineData("search", "--query", "https://example.org/fhir/Slot")]
    [InlineData("crash", "--instances", "2")]
    [InlineData("rush", "--instances", "0")]
    [InlineData("rush", "--instances", "two")]
    public async Task NotUnderstood_PrintsTheUsageExitsTwoAndRunsNothing(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        exitCode.Should().Be(2);
        error.Should().Contain("Usage:");
        output.Should().BeEmpty();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LoadCommand.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
