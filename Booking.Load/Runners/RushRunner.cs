using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Configuration;
using Booking.Load.Harness;
using Booking.Load.Practices;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>How a rush is made up: how many clients on each path, how often a loser tries another slot.</summary>
/// <param name="FhirClients">Concurrent FHIR clients, split evenly between NHS 111 and online consumers.</param>
/// <param name="StaffClients">Concurrent receptionists booking through the app's <see cref="BookingService"/> (its load door).</param>
/// <param name="AttemptsPerClient">Each client tries at most this many slots (a 409 sends it to another).</param>
/// <param name="Seed">Which slots each client picks; the same seed gives the same picks.</param>
/// <param name="StaffStartSpreadMilliseconds">
/// Each receptionist starts after a random delay of up to this long after the gun (a call being picked up); zero
/// starts them all at the gun.
/// </param>
public sealed record RushOptions(int FhirClients, int StaffClients, int AttemptsPerClient = 3, int Seed = 2026, int StaffStartSpreadMilliseconds = 0)
{
    public int Clients => FhirClients + StaffClients;
}

public enum AttemptOutcome
{
    /// <summary>201 Created (FHIR) or 200 booked (staff).</summary>
    Booked,

    /// <summary>409 with a <c>duplicate</c> OperationOutcome (FHIR) or with <c>taken</c> and the reason (staff).</summary>
    SlotTaken,

    /// <summary>422 with an OperationOutcome giving the reason (quota used, ...), or a staff 422 with its reason.</summary>
    Refused,

    /// <summary>The connection failed before an answer (expected only while the app is being killed).</summary>
    NoReply,

    /// <summary>Anything else: a 5xx, an unexpected status, a loser not told why, an exception. Always a failure.</summary>
    Failed,
}

/// <summary>
/// One booking attempt and what the client was told; <see cref="AnsweredAt"/> counts from the starting gun, and
/// <see cref="Instance"/> is which app process answered (0 for the first; a retry is sent to the first).
/// <see cref="RequestId"/> and <see cref="Body"/> are what a retry re-sends: the <c>X-Request-Id</c> (FHIR) or the
/// appointment id the booking form picked (staff), and the request body.
/// </summary>
public sealed record RushAttempt(
    string Path, string SlotId, AttemptOutcome Outcome, int? Status, TimeSpan Latency, Guid? AppointmentId, string? Reason, string? RequestId, string? Body)
{
    public TimeSpan AnsweredAt { get; init; }

    public int Instance { get; init; }
}

/// <summary>The attempts of one rush and how long it took from the starting gun to the last answer.</summary>
/// <param name="Day">The rush day.</param>
/// <param name="Attempts">Every attempt.</param>
/// <param name="Wall">From the gun to the last answer.</param>
/// <param name="WriteLockByInstance">
/// For each app process, in start order: how long each kind of write transaction held its write gate during the rush
/// (empty for a process that could not be asked, e.g. one killed).
/// </param>
public sealed record RushResult(
    LocalDate Day, IReadOnlyList<RushAttempt> Attempts, TimeSpan Wall, IReadOnlyList<IReadOnlyList<StaffDesk.WriteLockFigures>> WriteLockByInstance)
{
    /// <summary>The lock times of the bookings alone, one per app process that recorded any, in start order.</summary>
    public IReadOnlyList<StaffDesk.WriteLockFigures> BookingWriteLocks =>
        WriteLockByInstance.Select(figures => figures.SingleOrDefault(w => w.Operation == "appointment.book")).OfType<StaffDesk.WriteLockFigures>().ToList();

    /// <summary>The worst booking lock p99 over the app processes; infinite when none recorded one.</summary>
    public double BookingWriteLockP99 => BookingWriteLocks.Select(w => w.P99).DefaultIfEmpty(double.PositiveInfinity).Max();

    public IEnumerable<RushAttempt> Booked => Attempts.Where(a => a.Outcome == AttemptOutcome.Booked);

    public IReadOnlySet<Guid> Acknowledged => Booked.Select(a => a.AppointmentId!.Value).ToHashSet();

    /// <summary>Time from the starting gun to the last acknowledged booking: how long the slots took to fill.</summary>
    public TimeSpan TimeToLastBooking => Booked.Select(a => a.AnsweredAt).DefaultIfEmpty().Max();

    public double BookingsPerSecond => TimeToLastBooking.TotalSeconds == 0 ? 0 : Booked.Count() / TimeToLastBooking.TotalSeconds;

    /// <summary>Answers (booked, taken or refused) per second over the whole rush.</summary>
    public double AnswersPerSecond => Wall.TotalSeconds == 0 ? 0 : Attempts.Count / Wall.TotalSeconds;

    public LatencyStats Latency => new(Attempts.Where(a => a.Outcome != AttemptOutcome.NoReply).Select(a => a.Latency));

    public LatencyStats LatencyOf(string path) => new(Attempts.Where(a => a.Path == path && a.Outcome != AttemptOutcome.NoReply).Select(a => a.Latency));

    /// <summary>The latency of the attempts app process <paramref name="instance"/> (0 for the first) answered.</summary>
    public LatencyStats LatencyOn(int instance) => new(Attempts.Where(a => a.Instance == instance && a.Outcome != AttemptOutcome.NoReply).Select(a => a.Latency));

    public int Count(AttemptOutcome outcome) => Attempts.Count(a => a.Outcome == outcome);
}

/// <summary>
/// The 08:00 rush on one day of <see cref="RushPractice"/>: every client waits on one starting gun, then tries a
/// random released slot; a loser told "taken" tries another, up to <see cref="RushOptions.AttemptsPerClient"/>.
/// FHIR clients (NHS 111 and online consumers) and receptionists all go through the running app: receptionists signed
/// in through the real sign-in form book through the app's load door, which makes the booking form's one call,
/// <see cref="BookingService.BookAsync"/>, in the app's process. With one process, as Booking is deployed on SQLite,
/// both kinds of booking queue on its one write gate; with several on one server database, as behind a load balancer,
/// the clients are spread over them and each process's gate queues on the database's write lock row.
/// </summary>
public sealed class RushRunner
{
    public const string Nhs111Path = "fhir-111";
    public const string OnlinePath = "fhir-online";
    public const string StaffPath = "staff";

    private readonly IReadOnlyList<FhirConsumer> _nhs111;
    private readonly IReadOnlyList<FhirConsumer> _online;
    private readonly BookingQueries _queries;
    private readonly NhsNumberSource _patients;

    /// <summary>A rush against the app on <paramref name="database"/> with these consumers.</summary>
    /// <param name="database">The file the app runs on.</param>
    /// <param name="nhs111">Registered NHS 111 consumers.</param>
    /// <param name="online">Registered patient-app consumers.</param>
    /// <param name="practiceClock">
    /// The practice's time as the app sees it (started with the app's <c>Booking:FixedNow</c>): which slots reception is
    /// offered is read from the file before the gun, as the appointment book shows them.
    /// </param>
    /// <param name="patients">Where each client's patient comes from.</param>
    public RushRunner(LoadDatabase database, IReadOnlyList<FhirConsumer> nhs111, IReadOnlyList<FhirConsumer> online, IClock practiceClock, NhsNumberSource patients)
    {
        _nhs111 = nhs111;
        _online = online;
        _patients = patients;
        _queries = new BookingQueries(database.Factory, new PracticeConfigurationProvider(database.Factory, practiceClock), practiceClock);
    }

    /// <summary>Registers the consumers a rush uses: a few NHS 111 services and a few patient apps.</summary>
    public static async Task<(List<FhirConsumer> Nhs111, List<FhirConsumer> Online)> RegisterConsumersAsync(LoadDatabase database, IClock appClock, int each = 4)
    {
        var nhs111 = new List<FhirConsumer>();
        var online = new List<FhirConsumer>();
        for (var i = 0; i < each; i++)
        {
            nhs111.Add(await FhirConsumer.RegisterAsync(database, $"load-111-{i}", ChannelKind.Organisation, RushPractice.UrgentCareType, appClock));
            online.Add(await FhirConsumer.RegisterAsync(database, $"load-online-{i}", ChannelKind.Online, null, appClock));
        }

        return (nhs111, online);
    }

    /// <summary>
    /// Runs the rush against the app processes <paramref name="instances"/> (a FHIR client for each, on one database);
    /// <paramref name="onBooked"/> hears of every acknowledged booking as it happens (the crash run kills on it).
    /// </summary>
    /// <remarks>
    /// Tokens are fetched and receptionists signed in on one process and used on all, as a load balancer without
    /// sticky sessions would send them: what one instance issues every instance must accept. It is the last one
    /// started, whose clock is behind the others (<see cref="AppInstances.StartAsync"/>), so no token it issues
    /// is "not yet valid" elsewhere.
    /// </remarks>
    public async Task<RushResult> RunAsync(
        IReadOnlyList<HttpClient> instances, LocalDate day, RushOptions options, Action<RushAttempt>? onBooked = null, CancellationToken cancellationToken = default)
    {
        var issuer = instances[^1];
        foreach (var consumer in _nhs111.Concat(_online))
        {
            await consumer.RefreshTokenAsync(issuer);
        }

        var desks = await StaffDesk.SignInDemoReceptionistsAsync(issuer.BaseAddress!, cancellationToken);
        var staffHttp = instances.Select(instance => StaffDesk.CreateHttp(instance.BaseAddress!)).ToList();
        try
        {
            return await RushAsync(instances, staffHttp, desks, day, options, onBooked, cancellationToken);
        }
        finally
        {
            foreach (var http in staffHttp)
            {
                http.Dispose();
            }
        }
    }

    private async Task<RushResult> RushAsync(
        IReadOnlyList<HttpClient> instances, IReadOnlyList<HttpClient> staffHttp, IReadOnlyList<StaffDesk> desks, LocalDate day, RushOptions options,
        Action<RushAttempt>? onBooked, CancellationToken cancellationToken)
    {
        var fhirSlots = await FhirSlotsAsync(instances[0], _nhs111[0], day, cancellationToken);
        var staffSlots = (await _queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(day, day), cancellationToken))
            .Offered.Select(s => s.Id).ToList();
        if (fhirSlots.Count == 0 || staffSlots.Count == 0)
        {
            throw new InvalidOperationException($"Nothing is released on {day}: FHIR sees {fhirSlots.Count} slots, reception {staffSlots.Count}.");
        }

        var attempts = new ConcurrentBag<RushAttempt>();
        var gun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wall = new Stopwatch();
        var clients = Enumerable.Range(0, options.Clients).Select(index => Task.Run(async () =>
        {
            var random = new Random(options.Seed * 7_919 + index);
            var patient = _patients.Next();
            // Clients go to the processes in turn by pairs, so each process gets NHS 111 and online clients (even and
            // odd FHIR indexes) and both receptionists (even and odd staff indexes) alike.
            var instance = index / 2 % instances.Count;
            await gun.Task;
            if (index >= options.FhirClients && options.StaffStartSpreadMilliseconds > 0)
            {
                await Task.Delay(random.Next(options.StaffStartSpreadMilliseconds), cancellationToken);
            }

            for (var attempt = 0; attempt < options.AttemptsPerClient && !cancellationToken.IsCancellationRequested; attempt++)
            {
                RushAttempt result;
                if (index < options.FhirClients)
                {
                    var slot = fhirSlots[random.Next(fhirSlots.Count)];
                    result = await FhirBookAsync(
                        instances[instance], ConsumerFor(index), index % 2 == 0 ? Nhs111Path : OnlinePath, slot.Id, FhirWire.Appointment(slot.Id, slot.Start, slot.End, patient),
                        $"rush-{day:yyyyMMdd}-{index}-{attempt}", cancellationToken);
                }
                else
                {
                    var slot = staffSlots[random.Next(staffSlots.Count)].Value;
                    var appointmentId = Guid.NewGuid();
                    result = await StaffBookAsync(
                        staffHttp[instance], desks[index % desks.Count], slot, appointmentId.ToString(), StaffBody(slot, patient, index, appointmentId), cancellationToken);
                }

                result = result with { AnsweredAt = wall.Elapsed, Instance = instance };
                attempts.Add(result);
                if (result.Outcome == AttemptOutcome.Booked)
                {
                    onBooked?.Invoke(result);
                }

                if (result.Outcome != AttemptOutcome.SlotTaken)
                {
                    break;
                }
            }
        }, cancellationToken)).ToList();

        // Only the rush's own writes count in the lock figures, not the set-up's (tokens, sign-ins, the first audit batch).
        foreach (var http in instances)
        {
            await StaffDesk.ResetWriteLockAsync(http, cancellationToken);
        }

        wall.Start();
        gun.SetResult();
        await Task.WhenAll(clients);
        var elapsed = wall.Elapsed;
        var writeLock = new List<IReadOnlyList<StaffDesk.WriteLockFigures>>();
        foreach (var http in instances)
        {
            writeLock.Add(await WriteLockAfterAsync(http, cancellationToken));
        }

        return new RushResult(day, attempts.ToList(), elapsed, writeLock);
    }

    /// <summary>
    /// Re-sends the attempts that got no reply, same body and same id: FHIR with the same <c>X-Request-Id</c>, staff with
    /// the same appointment id (as the booking form keeps its id until it is answered). A client's safe retry after a crash.
    /// </summary>
    public async Task<IReadOnlyList<RushAttempt>> RetryUnansweredAsync(HttpClient http, RushResult rush, CancellationToken cancellationToken = default)
    {
        foreach (var consumer in _nhs111.Concat(_online))
        {
            await consumer.RefreshTokenAsync(http);
        }

        var desks = await StaffDesk.SignInDemoReceptionistsAsync(http.BaseAddress!, cancellationToken);
        using var staffHttp = StaffDesk.CreateHttp(http.BaseAddress!);
        var retries = new List<RushAttempt>();
        foreach (var unanswered in rush.Attempts.Where(a => a.Outcome == AttemptOutcome.NoReply))
        {
            if (unanswered.Path == StaffPath)
            {
                retries.Add(await StaffBookAsync(staffHttp, desks[0], unanswered.SlotId, unanswered.RequestId!, unanswered.Body!, cancellationToken));
                continue;
            }

            var consumer = ConsumerFor(int.Parse(unanswered.RequestId!.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture));
            retries.Add(await FhirBookAsync(http, consumer, unanswered.Path, unanswered.SlotId, unanswered.Body!, unanswered.RequestId, cancellationToken));
        }

        return retries;
    }

    // After a kill the app is gone and there is nothing to read: the crash run holds no lock figure.
    private static async Task<IReadOnlyList<StaffDesk.WriteLockFigures>> WriteLockAfterAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            return await StaffDesk.WriteLockAsync(http, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private FhirConsumer ConsumerFor(int index) => index % 2 == 0 ? _nhs111[index / 2 % _nhs111.Count] : _online[index / 2 % _online.Count];

    private sealed record FhirSlot(string Id, string Start, string End);

    private static async Task<List<FhirSlot>> FhirSlotsAsync(HttpClient http, FhirConsumer consumer, LocalDate day, CancellationToken cancellationToken)
    {
        var zone = PracticeTime.Zone;
        var from = FhirWire.Format(day.AtStartOfDayInZone(zone).ToInstant(), zone);
        var to = FhirWire.Format(day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), zone);
        var slots = new List<FhirSlot>();
        using var request = consumer.Request(HttpMethod.Get, $"/fhir/Slot?status=free&start=ge{Uri.EscapeDataString(from)}&end=le{Uri.EscapeDataString(to)}");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Slot search answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        if (json.RootElement.TryGetProperty("entry", out var entries))
        {
            foreach (var entry in entries.EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                slots.Add(new FhirSlot(resource.GetProperty("id").GetString()!, resource.GetProperty("start").GetString()!, resource.GetProperty("end").GetString()!));
            }
        }

        return slots;
    }

    private static async Task<RushAttempt> FhirBookAsync(
        HttpClient http, FhirConsumer consumer, string path, string slotId, string body, string requestId, CancellationToken cancellationToken)
    {
        using var request = consumer.Request(HttpMethod.Post, "/fhir/Appointment", body);
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.Add("Prefer", "return=minimal");
        var timer = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            timer.Stop();
            var status = (int)response.StatusCode;
            var outcome = FhirWire.ReadOutcome(text);
            var (kind, reason) = response.StatusCode switch
            {
                HttpStatusCode.Created or HttpStatusCode.OK when FhirWire.AppointmentIdFrom(response) is not null => (AttemptOutcome.Booked, null),
                HttpStatusCode.Conflict when outcome is { Code: "duplicate", Diagnostics.Length: > 0 } => (AttemptOutcome.SlotTaken, outcome.Value.Diagnostics),
                HttpStatusCode.UnprocessableEntity when outcome is { Diagnostics.Length: > 0 } => (AttemptOutcome.Refused, outcome.Value.Diagnostics),
                _ => (AttemptOutcome.Failed, $"HTTP {status}: {Shorten(text)}"),
            };
            return new RushAttempt(path, slotId, kind, status, timer.Elapsed, FhirWire.AppointmentIdFrom(response), reason, requestId, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RushAttempt(path, slotId, AttemptOutcome.NoReply, null, timer.Elapsed, null, ex.GetType().Name + ": " + ex.Message, requestId, body);
        }
    }

    /// <summary>The booking form's fields for a patient new to the practice, under the appointment id the form picked.</summary>
    private static string StaffBody(string slotId, string nhsNumber, int index, Guid appointmentId) => JsonSerializer.Serialize(new
    {
        slotId,
        nhsNumber,
        name = "Desk Patient " + index,
        dateOfBirth = "1975-03-14",
        appointmentId,
    });

    private static async Task<RushAttempt> StaffBookAsync(
        HttpClient http, StaffDesk desk, string slotId, string appointmentId, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, StaffDesk.BookingPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", desk.CookieHeader);
        var timer = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            timer.Stop();
            var status = (int)response.StatusCode;
            var answer = ReadStaffAnswer(text);
            var (kind, reason) = (response.StatusCode, answer) switch
            {
                (HttpStatusCode.OK, { Outcome: "booked", AppointmentId: not null }) => (AttemptOutcome.Booked, null),
                (HttpStatusCode.Conflict, { Outcome: "taken", Reason.Length: > 0 }) => (AttemptOutcome.SlotTaken, answer.Reason),
                (HttpStatusCode.UnprocessableEntity, { Outcome: "refused", Reason.Length: > 0 }) => (AttemptOutcome.Refused, answer.Reason),
                _ => (AttemptOutcome.Failed, $"HTTP {status}: {Shorten(text)}"),
            };
            return new RushAttempt(StaffPath, slotId, kind, status, timer.Elapsed, kind == AttemptOutcome.Booked ? answer!.AppointmentId : null, reason, appointmentId, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RushAttempt(StaffPath, slotId, AttemptOutcome.NoReply, null, timer.Elapsed, null, ex.GetType().Name + ": " + ex.Message, appointmentId, body);
        }
    }

    private sealed record StaffAnswer(string? Outcome, Guid? AppointmentId, string? Reason);

    private static StaffAnswer? ReadStaffAnswer(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<StaffAnswer>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
