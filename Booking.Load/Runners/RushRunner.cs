using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Load.Harness;
using Booking.Load.Practices;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>How a rush is made up: how many clients on each path, how often a loser tries another slot.</summary>
/// <param name="FhirClients">Concurrent FHIR clients, split evenly between NHS 111 and online consumers.</param>
/// <param name="StaffClients">Concurrent receptionists booking through <see cref="BookingService"/>.</param>
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
    /// <summary>201 Created (FHIR) or a booked outcome (staff).</summary>
    Booked,

    /// <summary>409 with a <c>duplicate</c> OperationOutcome, or a staff refusal because the slot is taken.</summary>
    SlotTaken,

    /// <summary>422 with an OperationOutcome giving the reason (quota used, ...), or a staff refusal with its reason.</summary>
    Refused,

    /// <summary>The connection failed before an answer (expected only while the app is being killed).</summary>
    NoReply,

    /// <summary>Anything else: a 5xx, an unexpected status, a loser not told why, an exception. Always a failure.</summary>
    Failed,
}

/// <summary>One booking attempt and what the client was told; <see cref="AnsweredAt"/> counts from the starting gun.</summary>
public sealed record RushAttempt(
    string Path, string SlotId, AttemptOutcome Outcome, int? Status, TimeSpan Latency, Guid? AppointmentId, string? Reason, string? RequestId, string? Body)
{
    public TimeSpan AnsweredAt { get; init; }
}

/// <summary>The attempts of one rush and how long it took from the starting gun to the last answer.</summary>
public sealed record RushResult(LocalDate Day, IReadOnlyList<RushAttempt> Attempts, TimeSpan Wall)
{
    public IEnumerable<RushAttempt> Booked => Attempts.Where(a => a.Outcome == AttemptOutcome.Booked);

    public IReadOnlySet<Guid> Acknowledged => Booked.Select(a => a.AppointmentId!.Value).ToHashSet();

    /// <summary>Time from the starting gun to the last acknowledged booking: how long the slots took to fill.</summary>
    public TimeSpan TimeToLastBooking => Booked.Select(a => a.AnsweredAt).DefaultIfEmpty().Max();

    public double BookingsPerSecond => TimeToLastBooking.TotalSeconds == 0 ? 0 : Booked.Count() / TimeToLastBooking.TotalSeconds;

    /// <summary>Answers (booked, taken or refused) per second over the whole rush.</summary>
    public double AnswersPerSecond => Wall.TotalSeconds == 0 ? 0 : Attempts.Count / Wall.TotalSeconds;

    public LatencyStats Latency => new(Attempts.Where(a => a.Outcome != AttemptOutcome.NoReply).Select(a => a.Latency));

    public LatencyStats LatencyOf(string path) => new(Attempts.Where(a => a.Path == path && a.Outcome != AttemptOutcome.NoReply).Select(a => a.Latency));

    public int Count(AttemptOutcome outcome) => Attempts.Count(a => a.Outcome == outcome);
}

/// <summary>
/// The 08:00 rush on one day of <see cref="RushPractice"/>: every client waits on one starting gun, then tries a
/// random released slot; a loser told "taken" tries another, up to <see cref="RushOptions.AttemptsPerClient"/>.
/// FHIR clients (NHS 111 and online consumers) go through the running app; receptionists book through the same
/// <see cref="BookingService"/> the appointment book's Blazor pages call, from this process against the same
/// SQLite file: two processes writing one database, as two app instances would.
/// </summary>
public sealed class RushRunner
{
    public const string Nhs111Path = "fhir-111";
    public const string OnlinePath = "fhir-online";
    public const string StaffPath = "staff";

    private readonly LoadDatabase _database;
    private readonly IReadOnlyList<FhirConsumer> _nhs111;
    private readonly IReadOnlyList<FhirConsumer> _online;
    private readonly BookingService _bookings;
    private readonly BookingQueries _queries;
    private readonly NhsNumberSource _patients;

    /// <summary>A rush against <paramref name="database"/> with these consumers; staff bookings run on <paramref name="practiceClock"/>.</summary>
    /// <param name="database">The file the app runs on.</param>
    /// <param name="nhs111">Registered NHS 111 consumers.</param>
    /// <param name="online">Registered patient-app consumers.</param>
    /// <param name="practiceClock">The practice's time as the app sees it (started with the app's <c>Booking:FixedNow</c>).</param>
    /// <param name="patients">Where each client's patient comes from.</param>
    public RushRunner(LoadDatabase database, IReadOnlyList<FhirConsumer> nhs111, IReadOnlyList<FhirConsumer> online, IClock practiceClock, NhsNumberSource patients)
    {
        _database = database;
        _nhs111 = nhs111;
        _online = online;
        _patients = patients;
        var configuration = new PracticeConfigurationProvider(database.Factory, practiceClock);
        _bookings = new BookingService(
            database.Factory, configuration, new AppointmentChangeFeed(NullLogger<AppointmentChangeFeed>.Instance), practiceClock, NullLogger<BookingService>.Instance);
        _queries = new BookingQueries(database.Factory, configuration, practiceClock);
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

    /// <summary>Runs the rush; <paramref name="onBooked"/> hears of every acknowledged booking as it happens (the crash run kills on it).</summary>
    public async Task<RushResult> RunAsync(
        HttpClient http, LocalDate day, RushOptions options, Action<RushAttempt>? onBooked = null, CancellationToken cancellationToken = default)
    {
        foreach (var consumer in _nhs111.Concat(_online))
        {
            await consumer.RefreshTokenAsync(http);
        }

        var fhirSlots = await FhirSlotsAsync(http, _nhs111[0], day, cancellationToken);
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
                        http, ConsumerFor(index), index % 2 == 0 ? Nhs111Path : OnlinePath, slot.Id, FhirWire.Appointment(slot.Id, slot.Start, slot.End, patient),
                        $"rush-{day:yyyyMMdd}-{index}-{attempt}", cancellationToken);
                }
                else
                {
                    result = await StaffBookAsync(staffSlots[random.Next(staffSlots.Count)], patient, index, cancellationToken);
                }

                result = result with { AnsweredAt = wall.Elapsed };
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

        wall.Start();
        gun.SetResult();
        await Task.WhenAll(clients);
        return new RushResult(day, attempts.ToList(), wall.Elapsed);
    }

    /// <summary>Re-sends the FHIR attempts that got no reply, same body and same <c>X-Request-Id</c>: a client's safe retry after a crash.</summary>
    public async Task<IReadOnlyList<RushAttempt>> RetryUnansweredAsync(HttpClient http, RushResult rush, CancellationToken cancellationToken = default)
    {
        foreach (var consumer in _nhs111.Concat(_online))
        {
            await consumer.RefreshTokenAsync(http);
        }

        var retries = new List<RushAttempt>();
        foreach (var unanswered in rush.Attempts.Where(a => a.Outcome == AttemptOutcome.NoReply))
        {
            var consumer = ConsumerFor(int.Parse(unanswered.RequestId!.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture));
            retries.Add(await FhirBookAsync(http, consumer, unanswered.Path, unanswered.SlotId, unanswered.Body!, unanswered.RequestId, cancellationToken));
        }

        return retries;
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

    private async Task<RushAttempt> StaffBookAsync(SlotId slot, string nhsNumber, int index, CancellationToken cancellationToken)
    {
        var patient = new PatientDetails(NhsNumber.Parse(nhsNumber), "Desk Patient " + index, new LocalDate(1975, 3, 14));
        var receptionist = ActingParty.Staff($"load-desk-{index % 12}", $"Receptionist {index % 12}");
        var timer = Stopwatch.StartNew();
        try
        {
            var outcome = await _bookings.BookAsync(new NewBooking(slot, patient, Channel.Reception), receptionist, cancellationToken);
            timer.Stop();
            var kind = outcome.Succeeded ? AttemptOutcome.Booked
                : string.IsNullOrWhiteSpace(outcome.Message) ? AttemptOutcome.Failed
                : outcome.SlotTaken ? AttemptOutcome.SlotTaken
                : AttemptOutcome.Refused;
            return new RushAttempt(StaffPath, slot.Value, kind, null, timer.Elapsed, outcome.Appointment?.Appointment.Id.Value, outcome.Message, null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RushAttempt(StaffPath, slot.Value, AttemptOutcome.Failed, null, timer.Elapsed, null, ex.GetType().Name + ": " + ex.Message, null, null);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
