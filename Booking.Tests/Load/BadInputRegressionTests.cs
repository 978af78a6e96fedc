using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Load;

/// <summary>
/// Each request here answered 500 before the bad-input corpus (tools/load/run.sh) found it; each must now be the
/// client's error with an OperationOutcome (or, at the token endpoint, an OAuth error). Against the demo practice
/// on Monday 23 November 2026 at 09:00.
/// </summary>
public sealed class BadInputRegressionTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private readonly BookingWebFactory _factory;
    private readonly SmartClient _nhs111;
    private HttpClient _http = default!;
    private FhirResponseRecorder _responses = default!;

    public BadInputRegressionTests(BookingWebFactory factory)
    {
        _factory = factory;
        factory.Clock.Reset(new LocalDateTime(2026, 11, 23, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant());
        _nhs111 = new SmartClient("nhs111-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public async Task InitializeAsync()
    {
        _http = FhirResponseRecorder.CreateClient(_factory, out _responses);
        await using (var db = _factory.Database.CreateContext())
        {
            await _nhs111.RegisterAsync(db, "system/*.rs system/Appointment.cru");
        }

        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _nhs111.GetTokenAsync(_http));
    }

    public async Task DisposeAsync()
    {
        _nhs111.Dispose();
        await _responses.AssertAllValidAsync();
    }

    [Theory]
    [InlineData("start=ge2026-11-23&start=le9999-12-31")]
    [InlineData("start=ge2026-11-23&end=le9999-12-31")]
    [InlineData("start=ge0001-01-01&start=le0001-01-01")]
    [InlineData("start=ge0001-01-01T00:00:00Z&start=le0001-01-02T00:00:00Z")]
    public async Task SlotSearch_DateOutsideTheSupportedYears_Is422InvalidParameter(string window)
    {
        var response = await _http.GetAsync("/fhir/Slot?status=free&" + window);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await SpineCodeAsync(response)).Should().Be("INVALID_PARAMETER");
    }

    [Fact]
    public async Task SlotRead_IdDatedInYearOne_Is404()
    {
        var response = await _http.GetAsync("/fhir/Slot/t1-00010101-0000");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SpineCodeAsync(response)).Should().Be("NO_RECORD_FOUND");
    }

    [Fact]
    public async Task Book_SlotDatedInYearOne_Is422ReferenceNotFound()
    {
        var response = await PostAsync(AppointmentWithSlot("[{\"reference\":\"Slot/t1-00010101-0000\"}]"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await SpineCodeAsync(response)).Should().Be("REFERENCE_NOT_FOUND");
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[{\"reference\":\"Slot/t1-20261123-0830\"}], \"participant\": [null]")]
    [InlineData("[{\"reference\":\"Slot/t1-20261123-0830\"}], \"contained\": [null]")]
    public async Task Book_NullInAnArray_Is400BadRequest(string slotAndMore)
    {
        var response = await PostAsync(AppointmentWithSlot(slotAndMore));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SpineCodeAsync(response)).Should().Be("BAD_REQUEST");
    }

    [Fact]
    public async Task Cancel_NullSlotInTheBody_Is400BadRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/fhir/Appointment/" + Guid.NewGuid())
        {
            Content = new StringContent("{\"resourceType\":\"Appointment\",\"status\":\"cancelled\",\"slot\":[null]}", Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");

        var response = await _http.SendAsync(request);

        // The appointment is unknown (404) or the body is refused (400): never a 500.
        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        (await ReadJsonAsync(response)).GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "grant_type=%00")]
    [InlineData("multipart/form-data; boundary=x", "grant_type=client_credentials")]
    public async Task Token_FormThatCannotBeRead_Is400InvalidRequest(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _http.PostAsync("/fhir/auth/token", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    private static string AppointmentWithSlot(string slotAndMore) =>
        "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"start\":\"2026-11-23T08:30:00+00:00\",\"end\":\"2026-11-23T08:40:00+00:00\"," +
        "\"participant\":[{\"actor\":{\"identifier\":{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9000000009\"}}}]," +
        "\"slot\":" + slotAndMore + "}";

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _http.PostAsync("/fhir/Appointment", new StringContent(json, Encoding.UTF8, "application/fhir+json"));

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string?> SpineCodeAsync(HttpResponseMessage response) =>
        (await ReadJsonAsync(response)).GetProperty("issue")[0].GetProperty("details").GetProperty("coding")[0].GetProperty("code").GetString();
}
