using System.Net;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// The load harness's same-size file (<c>GET /load-ceiling/{name}</c>, Booking.Web/Infrastructure/LoadCeiling.cs): served
/// from the configured folder only, only by plain file name, and not at all without the setting (Production: GoingLiveTests).
/// </summary>
public sealed class LoadCeilingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("booking-ceiling-test-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("booking-ceiling-outside-");

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }

    [Fact]
    public async Task Ceiling_WithTheFolderSet_ServesItsFilesByNameAndNothingOutsideIt()
    {
        var body = new byte[45_000];
        new Random(7).NextBytes(body);
        await File.WriteAllBytesAsync(Path.Combine(_folder.FullName, "answer-0.json"), body);
        await File.WriteAllTextAsync(Path.Combine(_outside.FullName, "secret.json"), "{}");
        await using var factory = new BookingWebFactory();
        using var http = factory.WithWebHostBuilder(web => web.UseSetting("Booking:LoadCeilingFolder", _folder.FullName)).CreateClient();

        var served = await http.GetAsync("/load-ceiling/answer-0.json");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(body);
        served.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");

        (await http.GetAsync("/load-ceiling/missing.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var escape = Uri.EscapeDataString($"../{_outside.Name}/secret.json");
        (await http.GetAsync("/load-ceiling/" + escape)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ceiling_WithoutTheFolderSet_IsNotMapped()
    {
        await using var factory = new BookingWebFactory();
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await http.GetAsync("/load-ceiling/answer-0.json");

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("resourceType");
    }
}
