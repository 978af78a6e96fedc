using System.Net.Sockets;
using System.Text;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Bytes a header cannot carry back are bad input, not a crash. These go over a real socket to Kestrel (raw HTTP,
/// so the client library cannot tidy them first), because it is Kestrel that refuses to write such a header back.
/// </summary>
public sealed class OddBytesTests : IDisposable
{
    private readonly BookingWebFactory _factory = new();
    private readonly Uri _address;

    public OddBytesTests()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        using var client = _factory.CreateClient();
        _address = client.BaseAddress!;
    }

    public static TheoryData<string, string> OddIds => new()
    {
        { "X-Request-Id", "abc\u0001def" },
        { "X-Request-Id", "tab\tinside" },
        { "X-Correlation-Id", "abc\u007fdef" },
        { "X-Request-Id", new string('a', 201) },
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Get_FhirWithAnIdHeaderThatCannotBeEchoed_Is400OperationOutcomeAndAuditedAs400(string header, string value)
    {
        var response = await RawGetAsync("/fhir/metadata?odd=" + header.Length + value.Length, $"{header}: {value}");

        response.Status.Should().Be(400);
        response.Head.Should().NotContain(header + ":", "an id that cannot be written back is not echoed");
        response.Body.Should().Contain("\"resourceType\":\"OperationOutcome\"").And.Contain(header);
        (await AuditedMetadataStatusesAsync()).Should().Equal([400], "the audit counts the status actually sent");
    }

    [Fact]
    public async Task Get_FhirWithASafeRequestId_EchoesIt()
    {
        var response = await RawGetAsync("/fhir/metadata", "X-Request-Id: 3f6c1a2e-0b9d-4c1e-9a77-1d2c3b4a5e6f");

        response.Status.Should().Be(200);
        response.Head.Should().Contain("X-Request-Id: 3f6c1a2e-0b9d-4c1e-9a77-1d2c3b4a5e6f");
    }

    [Fact]
    public async Task Get_FhirWithNonAsciiInAnIdHeader_IsRefusedWithoutA500()
    {
        var response = await RawGetAsync("/fhir/metadata", "X-Request-Id: café");

        response.Status.Should().Be(400);
        response.Head.Should().NotContain("X-Request-Id:");
    }

    [Fact]
    public async Task SignIn_ReturnUrlWithNonAscii_GoesHomeInsteadOfA500()
    {
        // Over Kestrel the factory's client follows redirects: the page it ends on is the one the sign-in sent it to.
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = _address, HandleCookies = true });

        var response = await StaffSignIn.PostLoginAsync(
            client, StaffSignIn.ReceptionistEmail, StaffSignIn.ReceptionistPassword, "/Account/Login?ReturnUrl=%2Fappointments%2Fcaf%C3%A9%01");

        ((int)response.StatusCode).Should().Be(200);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/");
        (await response.Content.ReadAsStringAsync()).Should().Contain("signed-in-user");
    }

    public void Dispose() => _factory.Dispose();

    private async Task<RawResponse> RawGetAsync(string pathAndQuery, string extraHeader)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_address.Host, _address.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {_address.Authority}\r\nAccept: application/fhir+json\r\n{extraHeader}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new RawResponse(status, head, split < 0 ? "" : text[(split + 4)..]);
    }

    private async Task<int[]> AuditedMetadataStatusesAsync()
    {
        // Anonymous requests are counted per route and status, not stored one by one (docs/security.md).
        await _factory.Services.GetRequiredService<FhirRequestAudit>().FlushCountsAsync(CancellationToken.None);
        await using var db = _factory.Database.CreateContext();
        var counted = await db.AuditEntries.AsNoTracking().Where(e => e.Action == FhirRequestAudit.CountedAction).ToListAsync();
        return counted
            .Select(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement)
            .Where(c => c.GetProperty("route").GetString() == "/fhir/metadata")
            .Select(c => c.GetProperty("status").GetInt32())
            .ToArray();
    }

    private sealed record RawResponse(int Status, string Head, string Body);
}
