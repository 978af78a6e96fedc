using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// The operator's command registers a FHIR consumer in the database of a running app (a real Kestrel on
/// loopback), and that app accepts the new client straight away: token, slot search, booking.
/// </summary>
public sealed class ClientCommandTests(RunningAppFixture fixture) : IClassFixture<RunningAppFixture>, IDisposable
{
    private readonly SmartClient _consumer = new("assigned by the command", SystemClock.Instance);
    private readonly RunningApp _app = fixture.App;

    public void Dispose() => _consumer.Dispose();

    [Fact]
    public async Task ClientsAdd_AgainstARunningApp_PrintsAClientIdThatCanGetATokenAndSearchAtOnce()
    {
        var (exitCode, output) = await RunCommandAsync("clients", "add", "--name", "NHS 111 (test)", "--ods", "X26", "--org-type", "urgent-care",
            "--scopes", "system/Slot.rs system/Appointment.cru", "--jwks", "{jwks}");

        exitCode.Should().Be(0, output);
        var clientId = output.Split('\n').Single(line => line.StartsWith("client_id: ", StringComparison.Ordinal))["client_id: ".Length..].Trim();
        clientId.Should().StartWith("nhs-111-test-");
        _consumer.ClientId = clientId;

        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var token = await _consumer.GetTokenAsync(http);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
        using var search = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{today:yyyy-MM-dd}&start=le{today.PlusDays(7):yyyy-MM-dd}");
        search.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(search);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await FhirValidator.ProblemsAsync([await response.Content.ReadAsStringAsync()])).Should().BeEmpty();
    }

    [Theory]
    [InlineData("--ods", "not valid!")]
    [InlineData("--scopes", "read everything")]
    public async Task ClientsAdd_BadInput_ExplainsAndRegistersNothing(string option, string badValue)
    {
        var arguments = new List<string> { "clients", "add", "--name", "Hub", "--ods", "Y99999", "--scopes", "system/Slot.rs", "--jwks", "{jwks}" };
        arguments[arguments.IndexOf(option) + 1] = badValue;

        var (exitCode, output) = await RunCommandAsync([.. arguments]);

        exitCode.Should().Be(2);
        output.Should().NotContain("client_id:");
    }

    private async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        var jwks = Path.Combine(_app.Database.Folder, "consumer-jwks.json");
        await File.WriteAllTextAsync(jwks, _consumer.JwksJson);

        var executable = RunningApp.FindWebExecutable();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument == "{jwks}" ? jwks : argument);
        }

        start.ArgumentList.Add("--ConnectionStrings:Booking=" + _app.Database.ConnectionString);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
