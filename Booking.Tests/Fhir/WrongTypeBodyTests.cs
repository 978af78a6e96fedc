using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using FluentAssertions;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Every element of a booking given a value of the wrong JSON type is bad input (400 or 422 with an OperationOutcome),
/// never a 500: the whole grid of the bad-input corpus's wrong-type family, element by value.
/// </summary>
public sealed class WrongTypeBodyTests : IClassFixture<BookingWebFactory>, IAsyncLifetime
{
    private static readonly string[] Elements =
    [
        "status", "slot", "slot[]", "slot.reference", "participant", "participant.actor", "participant.actor.identifier",
        "contained", "contained.name", "contained.birthDate", "resourceType", "description",
    ];

    private static readonly string[] Values = ["5", "true", "[]", "{}", "\"x\"", "null", "1e308"];

    private readonly BookingWebFactory _factory;
    private readonly SmartClient _client;
    private HttpClient _http = default!;
    private string _token = "";

    public WrongTypeBodyTests(BookingWebFactory factory)
    {
        _factory = factory;
        _client = new SmartClient("wrong-type-" + Guid.NewGuid().ToString("N")[..8], factory.Clock);
    }

    public static TheoryData<string, string> Grid()
    {
        var grid = new TheoryData<string, string>();
        foreach (var element in Elements)
        {
            foreach (var value in Values)
            {
                grid.Add(element, value);
            }
        }

        return grid;
    }

    public async Task InitializeAsync()
    {
        _http = _factory.CreateClient();
        await using (var db = _factory.Database.CreateContext())
        {
            await _client.RegisterAsync(db, "system/Appointment.crus");
        }

        _token = await _client.GetTokenAsync(_http);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public async Task Book_ElementOfTheWrongType_IsBadInputNotAServerError(string element, string value)
    {
        var appointment = ValidAppointment();
        var replacement = JsonNode.Parse(value);
        switch (element)
        {
            case "slot[]": appointment["slot"] = new JsonArray(replacement); break;
            case "slot.reference": appointment["slot"]![0]!["reference"] = replacement; break;
            case "participant.actor": appointment["participant"]![0]!["actor"] = replacement; break;
            case "participant.actor.identifier": appointment["participant"]![0]!["actor"]!["identifier"] = replacement; break;
            case "contained.name": appointment["contained"]![0]!["name"] = replacement; break;
            case "contained.birthDate": appointment["contained"]![0]!["birthDate"] = replacement; break;
            default: appointment[element] = replacement; break;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Appointment")
        {
            Content = new StringContent(appointment.ToJsonString(), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var response = await _http.SendAsync(request);

        ((int)response.StatusCode).Should().BeOneOf([400, 409, 422], await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"resourceType\":\"OperationOutcome\"");
    }

    private static JsonObject ValidAppointment() => (JsonObject)JsonNode.Parse("""
        {
          "resourceType": "Appointment",
          "status": "booked",
          "contained": [{
            "resourceType": "Patient", "id": "patient",
            "identifier": [{ "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919" }],
            "name": [{ "family": "Smith", "given": ["Jo"] }],
            "birthDate": "1980-05-17"
          }],
          "start": "2026-11-24T09:00:00+00:00",
          "end": "2026-11-24T09:10:00+00:00",
          "slot": [{ "reference": "Slot/t1-20261124-0900" }],
          "participant": [{ "actor": { "identifier": { "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919" } }, "status": "accepted" }]
        }
        """)!;
}
