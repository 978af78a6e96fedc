using System.Diagnostics.Metrics;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Data.Appointments;
using Booking.Data.Storage;
using Booking.Web.Components.Pages.Appointments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime.Text;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Development only, and only with <c>Booking:LoadDoor</c> set (the load harness sets it when it starts the app): the
/// 08:00 rush's receptionists book through this process, as the appointment book's pages do, without 220 Blazor
/// circuits in the way (docs/performance.md, The 08:00 rush).
/// <list type="bullet">
/// <item><c>POST /load/staff-booking</c> books for the signed-in member of staff: the sign-in cookie from the real
/// sign-in form, the reception pages' roles, <see cref="ReceptionAccess.ActingParty"/> asked again before the call, then
/// the one call the booking form makes, <see cref="BookingService.BookAsync"/>. 200 booked, 409 taken, 422 refused,
/// each with the reason staff would read.</item>
/// <item><c>GET /load/write-lock</c> and <c>POST /load/write-lock/reset</c>: how long each write transaction held the
/// write lock since the last reset (<see cref="WriteTransaction.HeldHistogramName"/>), per operation, with exact
/// percentiles over every measurement. Read here rather than with dotnet-counters, whose histogram percentiles cover
/// each refresh interval and not the rush, and which would be one more tool for every machine to install.</item>
/// </list>
/// Nothing is mapped, and no listener runs, outside Development or without the setting.
/// </summary>
internal static class LoadDoor
{
    public const string SettingName = "Booking:LoadDoor";

    public const string StaffBookingPath = "/load/staff-booking";

    public const string WriteLockPath = "/load/write-lock";

    /// <summary>A booking the harness asks for, as the booking form would fill it in.</summary>
    /// <param name="SlotId">The slot, as the appointment book names it.</param>
    /// <param name="NhsNumber">Ten digits.</param>
    /// <param name="Name">The patient's name (a patient new to the practice needs it).</param>
    /// <param name="DateOfBirth">ISO date (<c>1975-03-14</c>).</param>
    /// <param name="AppointmentId">
    /// The id the booking is made under, as the booking form picks one per form: a retry with the same id after a lost
    /// reply gets the same booking back.
    /// </param>
    public sealed record StaffBooking(string SlotId, string NhsNumber, string? Name, string? DateOfBirth, Guid AppointmentId);

    /// <summary>What the door answers: <c>booked</c>, <c>taken</c> or <c>refused</c>, with the reason for the last two.</summary>
    public sealed record StaffBookingAnswer(string Outcome, Guid? AppointmentId, string? Reason);

    /// <summary>Every write transaction's hold of the lock, in milliseconds, per operation; percentiles nearest-rank.</summary>
    public sealed record WriteLockFigures(string Operation, int Count, double P50, double P99, double Max);

    public static bool IsOpen(WebApplication app) => app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>(SettingName);

    public static void MapLoadDoor(this WebApplication app)
    {
        if (!IsOpen(app))
        {
            return;
        }

        var recorder = new WriteLockRecorder();
        app.Lifetime.ApplicationStopping.Register(recorder.Dispose);

        app.MapPost(StaffBookingPath, BookAsync).RequireAuthorization(new AuthorizeAttribute { Roles = ReceptionAccess.Roles });
        app.MapGet(WriteLockPath, () => recorder.Figures()).AllowAnonymous();
        app.MapPost(WriteLockPath + "/reset", () =>
        {
            recorder.Reset();
            return Results.NoContent();
        }).AllowAnonymous();
    }

    // A JSON body, not a form: nothing is bound from a form, so no antiforgery token is asked for; the sign-in cookie
    // is SameSite=Strict, so another site's page cannot send it here.
    private static async Task<IResult> BookAsync(StaffBooking request, HttpContext context, [FromServices] BookingService bookings)
    {
        var by = ReceptionAccess.ActingParty(context.User);
        if (by is null)
        {
            return Results.Json(new StaffBookingAnswer("refused", null, ReceptionAccess.NotAllowedMessage), statusCode: StatusCodes.Status403Forbidden);
        }

        var born = request.DateOfBirth is { } text ? LocalDatePattern.Iso.Parse(text) : null;
        if (!SlotId.TryParse(request.SlotId, out var slot, out _, out _) || !NhsNumber.TryParse(request.NhsNumber, out var nhsNumber, out _)
            || request.AppointmentId == Guid.Empty || born is { Success: false })
        {
            return Results.BadRequest(new StaffBookingAnswer("refused", null, "A slot id, a valid NHS number, an appointment id and an ISO date of birth are required."));
        }

        var outcome = await bookings.BookAsync(
            new NewBooking(slot, new GivenPatient(nhsNumber, request.Name, born?.Value), Channel.Reception, new AppointmentId(request.AppointmentId)),
            by,
            context.RequestAborted);
        return outcome.Succeeded
            ? Results.Ok(new StaffBookingAnswer("booked", outcome.Appointment!.Appointment.Id.Value, null))
            : outcome.SlotTaken
                ? Results.Json(new StaffBookingAnswer("taken", null, outcome.Message), statusCode: StatusCodes.Status409Conflict)
                : Results.Json(new StaffBookingAnswer("refused", null, outcome.Message), statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Listens to <see cref="WriteTransaction.HeldHistogramName"/> and keeps every measurement until reset.</summary>
    private sealed class WriteLockRecorder : IDisposable
    {
        // A full rush is a few thousand transactions; the cap only bounds a door left open for days.
        private const int MaxKept = 1_000_000;

        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private readonly Dictionary<string, List<double>> _held = new(StringComparer.Ordinal);

        public WriteLockRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WriteTransaction.MeterName && instrument.Name == WriteTransaction.HeldHistogramName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>(Record);
            _listener.Start();
        }

        public IReadOnlyList<WriteLockFigures> Figures()
        {
            lock (_gate)
            {
                return _held.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h =>
                {
                    var sorted = h.Value.Order().ToArray();
                    return new WriteLockFigures(h.Key, sorted.Length, Percentile(sorted, 50), Percentile(sorted, 99), sorted.Length == 0 ? 0 : sorted[^1]);
                }).ToList();
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _held.Clear();
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var operation = WriteTransaction.Operations.Other;
            foreach (var tag in tags)
            {
                if (tag.Key == WriteTransaction.OperationTag && tag.Value is string named)
                {
                    operation = named;
                }
            }

            lock (_gate)
            {
                if (!_held.TryGetValue(operation, out var values))
                {
                    _held[operation] = values = [];
                }

                if (values.Count < MaxKept)
                {
                    values.Add(milliseconds);
                }
            }
        }

        private static double Percentile(double[] sorted, double percent) =>
            sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
