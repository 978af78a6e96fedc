using System.Diagnostics;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// A published FHIR client library from npm (fhir-kit-client) drives the API of the real app on loopback:
/// search with includes, book, a 10-way race for one slot, read, cancel with If-Match (tools/fhir-client-check).
/// </summary>
public sealed class FhirClientLibraryTests : IAsyncLifetime
{
    private static readonly LocalDateTime MondayMorning = new(2026, 11, 23, 9, 0);
    private RunningApp _app = default!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(MondayMorning);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FhirKitClient_SearchBookRaceReadCancel_BehavesAsTheContractSays()
    {
        var clock = new FakeClock(MondayMorning.InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
        using var consumer = new SmartClient("kit-" + Guid.NewGuid().ToString("N")[..8], clock);
        await using (var db = _app.Database.CreateContext())
        {
            await consumer.RegisterAsync(db, "system/*.rs system/Appointment.cru");
        }

        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var token = await consumer.GetTokenAsync(http);
        // One patient for the first booking, then ten racing for the second slot (issue 13: a 10-way race).
        var nhsNumbers = Enumerable.Range(0, 11).Select(_ => TestNhsNumbers.Next()).ToArray();

        var result = await RunCheckAsync(new Dictionary<string, string>
        {
            ["BOOKING_FHIR_BASE"] = new Uri(_app.BaseAddress, "/fhir").ToString(),
            ["BOOKING_TOKEN"] = token,
            ["BOOKING_DAY"] = "2026-11-23",
            ["BOOKING_NHS_NUMBERS"] = string.Join(',', nhsNumbers),
        });

        result.GetProperty("slotsFound").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        result.GetProperty("includedTypes").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo("Location", "Practitioner", "Schedule");
        result.GetProperty("bookedStatus").GetString().Should().Be("booked");
        result.GetProperty("raceWinners").GetInt32().Should().Be(1);
        result.GetProperty("raceLosers409").GetInt32().Should().Be(9);
        result.GetProperty("readStatus").GetString().Should().Be("booked");
        result.GetProperty("cancelledStatus").GetString().Should().Be("cancelled");
        result.GetProperty("slotAfterCancel").GetString().Should().Be("free");
    }

    private static async Task<JsonElement> RunCheckAsync(Dictionary<string, string> environment)
    {
        var tool = Path.Combine(FhirValidator.RepositoryRoot(), "tools", "fhir-client-check");
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            throw new InvalidOperationException("fhir-kit-client is not installed: run ./test.sh (it runs npm ci in tools/fhir-client-check).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(tool, "check.mjs")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        node.ExitCode.Should().Be(0, output + errors);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
