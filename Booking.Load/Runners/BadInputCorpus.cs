using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Booking.Load.Runners;

/// <summary>One malformed request: what it is, where it goes and what it carries.</summary>
/// <param name="Category">Which family it comes from (broken-json, wrong-type, ...).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Relative URL, already encoded as it goes on the wire.</param>
/// <param name="ContentType">The Content-Type header, sent verbatim; null sends none.</param>
/// <param name="Body">The body bytes; null sends none.</param>
/// <param name="Headers">Extra request headers, sent verbatim.</param>
/// <param name="Authorization">The Authorization header; <see cref="BadRequest.ValidToken"/> is replaced by a real token.</param>
public sealed record BadRequest(
    string Category, string Method, string PathAndQuery, string? ContentType, byte[]? Body, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Authorization)
{
    public const string ValidToken = "<valid token>";

    /// <summary>The token endpoint answers OAuth errors (<c>{"error": …}</c>), not OperationOutcomes, by contract.</summary>
    public bool IsTokenEndpoint => PathAndQuery.StartsWith("/fhir/auth/token", StringComparison.Ordinal);

    /// <summary>
    /// A NUL in the URL path is refused by Kestrel itself (400, empty body) before any app code runs, so no
    /// OperationOutcome can be asked of it; it must still not be a 5xx.
    /// </summary>
    public bool IsRefusedByTheHttpServer
    {
        get
        {
            var query = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
            return (query < 0 ? PathAndQuery : PathAndQuery[..query]).Contains("%00", StringComparison.Ordinal);
        }
    }

    public string Describe() =>
        $"{Category}: {Method} {(PathAndQuery.Length > 160 ? PathAndQuery[..160] + "…" : PathAndQuery)} " +
        $"[{ContentType ?? "no content type"}, {Body?.Length ?? 0} bytes{(Body is { Length: > 0 and < 200 } ? ": " + Encoding.UTF8.GetString(Body) : "")}]";
}

/// <summary>
/// A deterministic corpus of malformed FHIR requests (issue 7, part 4): broken JSON, wrong types, bad dates, huge
/// and deeply nested bodies, unknown and malformed parameters, injection strings, bad ids, bad headers and media
/// types, and bad token requests. The same seed gives the same requests, so a failure found once can be replayed.
/// </summary>
public sealed class BadInputCorpus(int seed, string slotId, string slotStart, string slotEnd, string appointmentId)
{
    private static readonly string[] Injections =
    [
        "' OR '1'='1", "\"; DROP TABLE Appointments; --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}",
        "../../../../etc/passwd", "\0", "%00", "\u202Egnp.exe", "😀😀😀", "Robert'); DELETE FROM Patients;--", "\\", "\"", "|", "%", "%zz",
        "1e309", "-0", "NaN", "null", "true", "[]", "{}", "9999999999999999999999", new string('A', 5_000), "Slot/", "Slot/../Appointment",
    ];

    private static readonly string[] BadInstants =
    [
        "2026-13-01T08:30:00+00:00", "2026-11-30T25:00:00+00:00", "2026-11-31T08:30:00+00:00", "not-a-date", "2026-11-30T08:30:00",
        "2026-11-30T08:30+00:00", "2026-11-30", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59+14:00", "2026-11-30T08:30:00+99:99",
        "", " ", "2026-11-30T08:30:00.123456789123+00:00", "+2026-11-30T08:30:00Z", "2026-W48-1T08:30:00Z", "1600000000",
    ];

    private static readonly string[] BadSearchDates =
    [
        "ge9999-12-31", "le9999-12-31", "ge0001-01-01", "le0001-01-01", "gebanana", "ge", "le", "gt2026-11-30", "eq2026-11-30", "sa2026-11-30",
        "ge2026-11-30T25:00:00Z", "ge2026-02-30", "ge2026-11-30T08:00:00", "ge2026-11-30T08:00:00+25:00", "ge+2026-11-30", "ge2026-11",
        "ge2026", "ge-2026-11-30", "le2026-11-30T23:59:59.9999999999+00:00", "ge2026-11-30T08:00:00%2B00:00", "ge2026-11-30%20", "ge%zz",
        "le99999-01-01", "ge2026-11-30T08:00:00-14:00", "le2026-11-30T08:00:00+14:00",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/fhir+xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/fhir+json; charset=utf-16", "application/fhir+json; charset=nonsense", "application/fhir+json;;;", "*/*", "application/",
        "json", "application/fhir+json, text/html",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<BadRequest> Generate(int count)
    {
        var families = new Func<BadRequest>[]
        {
            BrokenJson, WrongType, BadAppointmentDate, HugeOrDeepBody, BadSearchWindow, UnknownOrMalformedParameters, InjectionInQuery,
            BadRead, BadHeaders, BadCancel, BadPatientSearch, BadTokenRequest, WrongMethodOrPath,
        };
        for (var i = 0; i < count; i++)
        {
            yield return families[i % families.Length]();
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Injection() => Pick(Injections);

    private JsonObject ValidAppointment(string nhsNumber = "9000000009") => (JsonObject)JsonNode.Parse(
        Harness.FhirWire.Appointment(slotId, slotStart, slotEnd, nhsNumber))!;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static BadRequest Post(string category, string json, string contentType = "application/fhir+json") =>
        new(category, "POST", "/fhir/Appointment", contentType, Utf8(json), [], BadRequest.ValidToken);

    private BadRequest BrokenJson()
    {
        var valid = ValidAppointment().ToJsonString();
        string body = _random.Next(6) switch
        {
            0 => valid[.._random.Next(valid.Length)],
            1 => valid.Insert(_random.Next(valid.Length), Pick(new[] { ",", "}", "]", "\"", ":", "{", "\\", "/*", "'" })),
            2 => valid.Replace("\"", Pick(new[] { "'", "", "“" }), StringComparison.Ordinal),
            3 => Pick(new[] { "", "null", "[]", "42", "\"Appointment\"", "{}", "{\"resourceType\":null}", "{\"resourceType\":\"Appointment\"}", "true", "\uFEFF" }),
            4 => valid + Pick(new[] { "}", " trailing", "\0", "{}" }),
            _ => "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"status\":\"cancelled\"," + valid[1..],
        };
        return Post("broken-json", body);
    }

    private BadRequest WrongType()
    {
        var appointment = ValidAppointment();
        JsonNode?[] values = [JsonValue.Create(5), JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create("x"), null, JsonValue.Create(1e308)];
        var value = Pick(values)?.DeepClone();
        switch (_random.Next(12))
        {
            case 0: appointment["status"] = value; break;
            case 1: appointment["slot"] = value; break;
            case 2: appointment["slot"] = new JsonArray(value); break;
            case 3: appointment["slot"]![0]!["reference"] = value; break;
            case 4: appointment["participant"] = value; break;
            case 5: appointment["participant"]![0]!["actor"] = value; break;
            case 6: appointment["participant"]![0]!["actor"]!["identifier"] = value; break;
            case 7: appointment["contained"] = value; break;
            case 8: appointment["contained"]![0]!["name"] = value; break;
            case 9: appointment["contained"]![0]!["birthDate"] = value ?? JsonValue.Create("1980-02-30"); break;
            case 10: appointment["resourceType"] = value; break;
            default: appointment["description"] = value; break;
        }

        return Post("wrong-type", appointment.ToJsonString());
    }

    private BadRequest BadAppointmentDate()
    {
        var appointment = ValidAppointment();
        var field = _random.Next(3);
        if (field < 2)
        {
            appointment[field == 0 ? "start" : "end"] = Pick(BadInstants);
        }
        else
        {
            appointment["contained"]![0]!["birthDate"] = Pick(new[] { "1980-02-30", "0000-01-01", "9999-99-99", "yesterday", "1980", "19800101", "-1980-01-01", "2999-01-01" });
        }

        return Post("bad-date", appointment.ToJsonString());
    }

    private BadRequest HugeOrDeepBody()
    {
        switch (_random.Next(5))
        {
            case 0:
                var appointment = ValidAppointment();
                appointment["description"] = new string('x', Pick(new[] { 64 * 1024, 70_000, 1_000_000, 4_000_000 }));
                return Post("huge-body", appointment.ToJsonString());
            case 1:
                var depth = Pick(new[] { 65, 1_000, 100_000 });
                return Post("deep-body", "{\"resourceType\":\"Appointment\",\"x\":" + new string('[', depth) + new string(']', depth) + "}");
            case 2:
                var many = ValidAppointment();
                var slots = new JsonArray();
                for (var i = 0; i < 5_000; i++)
                {
                    slots.Add(new JsonObject { ["reference"] = "Slot/" + slotId });
                }

                many["slot"] = slots;
                return Post("huge-body", many.ToJsonString());
            case 3:
                return Post("huge-body", "{\"resourceType\":\"Appointment\",\"description\":\"" + new string('\u00e9', 40_000) + "\"}");
            default:
                return Post("huge-body", new string(' ', 100_000) + ValidAppointment().ToJsonString());
        }
    }

    private string SlotSearch(string window) => "/fhir/Slot?status=free&" + window;

    private BadRequest BadSearchWindow()
    {
        var a = Pick(BadSearchDates);
        var query = _random.Next(5) switch
        {
            0 => $"start={a}&start=le2026-12-01",
            1 => $"start=ge2026-11-30&start={a}",
            2 => $"start={a}&end={Pick(BadSearchDates)}",
            3 => $"start={a}&start={Pick(BadSearchDates)}",
            _ => $"start=ge2026-11-30&end={a.Replace("ge", "le", StringComparison.Ordinal)}",
        };
        return new BadRequest("bad-search-date", "GET", SlotSearch(query), null, null, [], BadRequest.ValidToken);
    }

    private BadRequest UnknownOrMalformedParameters()
    {
        var window = "start=ge2026-11-30&start=le2026-12-01";
        var extra = Pick(new[]
        {
            "_count=-1", "_count=99999999999", "_count=abc", "_count=0", "_count=1.5", "_count=", "_include=garbage", "_include=Slot:schedule&_include:iterate=*",
            "_include:iterate=Schedule:actor:Nonsense", "_sort=start", "_elements=id", "_summary=count", "status=busy", "status=", "status=free&status=busy",
            "schedule=Schedule/../../x", "schedule=", "schedule=Schedule/1-1-1-1-1", "schedule.actor:HealthcareService=99999999999999",
            "service-type=-1", "service-type=HealthcareService/", "foo=bar", "%zz=1", "%=%", "a%00b=1", "_include%3Aiterate=Schedule:actor:Location",
            "start=ge2026-11-30", "&&&", "=", "==", "start", "_format=json&_format=xml", "_count=1&_count=2", new string('q', 6_000) + "=1",
        });
        var query = _random.Next(3) == 0 ? extra : window + "&" + extra;
        return new BadRequest("unknown-parameter", "GET", "/fhir/Slot?" + (query.Contains("status", StringComparison.Ordinal) ? query : "status=free&" + query), null, null, [], BadRequest.ValidToken);
    }

    private BadRequest InjectionInQuery()
    {
        var value = Uri.EscapeDataString(Injection());
        var parameter = Pick(new[] { "start", "end", "status", "schedule", "service-type", "_count", "_include", "_include:iterate" });
        var query = parameter is "start" or "end"
            ? $"start=ge2026-11-30&{parameter}=le{value}"
            : $"start=ge2026-11-30&start=le2026-12-01&{parameter}={value}";
        return new BadRequest("injection", "GET", SlotSearch(query), null, null, [], BadRequest.ValidToken);
    }

    private BadRequest BadRead()
    {
        var type = Pick(new[] { "Slot", "Schedule", "HealthcareService", "Location", "Practitioner", "PractitionerRole", "Organization", "Appointment" });
        var id = Pick(new[]
        {
            Uri.EscapeDataString(Injection()), "t1-99999999-9999", "t99999999999-20261130-0830", "o-1-20261130-0830", "t1-20261330-0830",
            "t1-20261130-2599", "t1-00010101-0000", "t1-99991231-2359", "2-1", "1-1-1-1", "-1", "0", "99999999999999999999", "t-20261130-0830",
            "x", "%00", "..", "t1--0830", "t1-20261130-", "1.5", "1e3", Guid.Empty.ToString(), new string('9', 300),
        });
        return new BadRequest("bad-id", "GET", $"/fhir/{type}/{id}", null, null, [], BadRequest.ValidToken);
    }

    private BadRequest BadHeaders()
    {
        var valid = ValidAppointment().ToJsonString();
        return _random.Next(7) switch
        {
            0 => Post("bad-media-type", valid, Pick(ContentTypes)),
            1 => new BadRequest("bad-media-type", "POST", "/fhir/Appointment", null, Utf8(valid), [], BadRequest.ValidToken),
            2 => new BadRequest("bad-accept", "GET", SlotSearch("start=ge2026-11-30&start=le2026-12-01"), null, null,
                [new("Accept", Pick(new[] { "application/xml", "text/html", "application/fhir+xml", "image/png", "nonsense", "application/*;q=0" }))], BadRequest.ValidToken),
            3 => new BadRequest("bad-format", "GET", SlotSearch("start=ge2026-11-30&start=le2026-12-01&_format=" + Pick(new[] { "xml", "html", "ttl", "%00", "" })), null, null, [], BadRequest.ValidToken),
            4 => new BadRequest("bad-auth", "GET", SlotSearch("start=ge2026-11-30&start=le2026-12-01"), null, null, [],
                Pick(new[] { "Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "bearer " + new string('a', 4_000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Token x" })),
            5 => new BadRequest("bad-header", "POST", "/fhir/Appointment", "application/fhir+json", Utf8(valid),
                [new(Pick(new[] { "If-None-Exist", "X-Request-Id", "Prefer", "X-Correlation-Id" }), Pick(new[] { "", "'; DROP TABLE x;--", new string('r', 6_000), "identifier=", "return=nonsense", "%00" }))],
                BadRequest.ValidToken),
            _ => Post("bad-media-type", valid, "application/fhir+json; charset=latin1"),
        };
    }

    private BadRequest BadCancel()
    {
        var body = _random.Next(4) switch
        {
            0 => "{\"resourceType\":\"Appointment\",\"status\":\"cancelled\"",
            1 => "{\"resourceType\":\"Appointment\",\"status\":" + Pick(new[] { "5", "null", "[]", "\"booked\"", "\"noshow\"" }) + "}",
            2 => "{\"resourceType\":\"Appointment\",\"status\":\"cancelled\",\"start\":\"" + Pick(BadInstants) + "\"}",
            _ => "{\"resourceType\":\"Appointment\",\"status\":\"cancelled\",\"slot\":" + Pick(new[] { "[]", "[{}]", "{}", "[{\"reference\":5}]", "[null]" }) + "}",
        };
        var ifMatch = Pick(new[] { "W/\"1\"", "W/\"99\"", "\"1\"", "1", "W/", "*", "garbage", "W/\"-1\"", "W/\"99999999999\"", "" });
        var id = _random.Next(4) == 0 ? Uri.EscapeDataString(Injection()) : appointmentId;
        return new BadRequest("bad-cancel", "PUT", "/fhir/Appointment/" + id, "application/fhir+json", Utf8(body), [new("If-Match", ifMatch)], BadRequest.ValidToken);
    }

    private BadRequest BadPatientSearch()
    {
        var value = Pick(new[]
        {
            "https://fhir.nhs.uk/Id/nhs-number|" + Uri.EscapeDataString(Injection()), "https://fhir.nhs.uk/Id/nhs-number|", "|9000000009",
            "9000000009", "https://example.org|9000000009", "https://fhir.nhs.uk/Id/nhs-number|900000000", "https://fhir.nhs.uk/Id/nhs-number|9000000008",
            "https://fhir.nhs.uk/Id/nhs-number%7C9000000009", "", Uri.EscapeDataString(Injection()),
        });
        var parameter = Pick(new[] { "patient:identifier", "patient", "date", "patient:identifier:exact" });
        return new BadRequest("bad-patient-search", "GET", $"/fhir/Appointment?{parameter}={value}", null, null, [], BadRequest.ValidToken);
    }

    private BadRequest BadTokenRequest()
    {
        var fields = _random.Next(5) switch
        {
            0 => "grant_type=client_credentials",
            1 => "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + Uri.EscapeDataString(Injection()),
            2 => "grant_type=" + Uri.EscapeDataString(Injection()),
            3 => "client_assertion=eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.&grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
            _ => "%zz=%zz&&=",
        };
        var contentType = _random.Next(4) == 0 ? Pick(ContentTypes) : "application/x-www-form-urlencoded";
        return new BadRequest("bad-token-request", "POST", "/fhir/auth/token", contentType, Utf8(fields), [], null);
    }

    private BadRequest WrongMethodOrPath()
    {
        var (method, path) = _random.Next(6) switch
        {
            0 => (Pick(new[] { "DELETE", "PATCH", "PUT" }), "/fhir/Slot/" + slotId),
            1 => ("POST", "/fhir/Slot"),
            2 => ("GET", "/fhir/" + Uri.EscapeDataString(Injection())),
            3 => ("DELETE", "/fhir/Appointment/" + appointmentId),
            4 => ("POST", "/fhir/metadata"),
            _ => ("GET", "/fhir/Slot/" + slotId + "/_history/" + _random.Next().ToString(CultureInfo.InvariantCulture)),
        };
        return new BadRequest("wrong-method-or-path", method, path, method is "GET" or "DELETE" ? null : "application/fhir+json",
            method is "GET" or "DELETE" ? null : Utf8("{}"), [], BadRequest.ValidToken);
    }
}
