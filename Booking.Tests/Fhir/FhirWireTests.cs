using System.Net;
using System.Text.Json;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Fhir;

public sealed class FhirWireTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private readonly HttpClient _client;
    private readonly FhirResponseRecorder _responses;

    public FhirWireTests(BookingWebFactory factory) => _client = FhirResponseRecorder.CreateClient(factory, out _responses);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _responses.AssertAllValidAsync();

    [Fact]
    public async Task Metadata_Anonymous_ReturnsValidR4CapabilityStatement()
    {
        var response = await _client.GetAsync("/fhir/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/fhir+json; charset=utf-8");
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("resourceType").GetString().Should().Be("CapabilityStatement");
        document.RootElement.GetProperty("fhirVersion").GetString().Should().Be("4.0.1");
        document.RootElement.GetProperty("kind").GetString().Should().Be("instance");
        document.RootElement.GetProperty("implementation").GetProperty("url").GetString().Should().EndWith("/fhir");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/fhir/NoSuchResource")]
    [InlineData("/fhir/Slot/does-not-exist/extra")]
    public async Task Get_UnknownFhirPath_Is404OperationOutcomeNotASignInRedirect(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        var issue = document.RootElement.GetProperty("issue")[0];
        issue.GetProperty("code").GetString().Should().Be("not-found");
        issue.GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("NO_RECORD_FOUND");
        (await FhirValidator.ProblemsAsync([json])).Should().BeEmpty();
    }

    [Fact]
    public async Task Get_WithRequestIds_EchoesThemAndForbidsCaching()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.Add("X-Request-Id", "req-123");
        request.Headers.Add("X-Correlation-Id", "corr-456");

        var response = await _client.SendAsync(request);

        response.Headers.GetValues("X-Request-Id").Should().Equal("req-123");
        response.Headers.GetValues("X-Correlation-Id").Should().Equal("corr-456");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Theory]
    [InlineData("/fhir/metadata?_format=json", HttpStatusCode.OK)]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bjson", HttpStatusCode.OK)]
    [InlineData("/fhir/metadata?_format=xml", HttpStatusCode.NotAcceptable)]
    public async Task Get_Format_OnlyJsonIsServed(string path, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
    }

    [Theory]
    [InlineData("application/fhir+json", HttpStatusCode.OK)]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("application/fhir+xml", HttpStatusCode.NotAcceptable)]
    public async Task Get_Accept_OnlyJsonIsServed(string accept, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/metadata");
        request.Headers.Add("Accept", accept);

        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(expected);
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("\"resourceType\"");
    }
}
