using Booking.Core.Appointments;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Core.Scheduling;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Release;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Booking.Tests.Data;

/// <summary>
/// The availability index never lies (issue 14): random bookings, cancellations, bookings by another process, release
/// rule changes, closures, channel pauses and clock moves on a real SQLite file, and after every step the index's answer
/// for every channel is the on-demand computation's (<see cref="BookingQueries.GetAvailabilityAsync"/>), verdict for
/// verdict, in the same order, with the same reasons.
/// </summary>
public sealed class AvailabilityIndexPropertyTests
{
    private static readonly Caller[] Callers =
    [
        new(Channel.Reception), new(Channel.Online), new(Channel.ForOrganisation(OdsCode.Parse("NHS111"), "urgent-care")),
    ];

    // Two Mondays of the test practice and the days between: the index keeps each day apart, the answer spans them.
    private static readonly DateInterval Dates = new(TestPractice.Monday, TestPractice.Monday.PlusDays(7));

    private static readonly ReleaseTerms[] Terms =
    [
        ReleaseTerms.Open,
        new(Embargo: ReleaseTime.OnTheDayAt(new LocalTime(8, 0))),
        new(Embargo: ReleaseTime.DaysBefore(1, new LocalTime(18, 30)), MinimumNotice: Duration.FromMinutes(30)),
        new(BookingWindowDays: 3),
        new(Embargo: ReleaseTime.BeforeStart(Duration.FromHours(50)), MinimumNotice: Duration.FromHours(2)),
    ];

    // From the test practice's Friday 09:00: then, Sunday 18:25, Monday 07:55 and Monday 09:05.
    private static readonly Duration[] StartOffsets =
    [
        Duration.Zero, Duration.FromHours(57) + Duration.FromMinutes(25), Duration.FromHours(70) + Duration.FromMinutes(55), Duration.FromHours(72) + Duration.FromMinutes(5),
    ];

    /// <summary>Each int is one step; the step kind is its remainder by 8, the rest chooses its details.</summary>
    private static Arbitrary<int[]> Steps => Gen.Choose(0, int.MaxValue).ArrayOf().Select(a => a.Take(30).ToArray()).ToArbitrary();

    [Property(MaxTest = 20)]
    public Property AfterEveryStep_TheIndexAnswersAsTheOnDemandComputation()
    {
        return Prop.ForAll(Steps, steps =>
        {
            var failure = RunAsync(steps).GetAwaiter().GetResult();
            return (failure is null).Label(failure ?? "");
        });
    }

    private static async Task<string?> RunAsync(int[] steps)
    {
        using var stores = await DataStores.CreateAsync(TestPractice.Clock());
        var practice = await TestPractice.CreateAsync(stores.Store);
        var elsewhere = stores.SecondBookingService();
        var booked = new List<AppointmentId>();
        var ruleVersion = practice.RuleId;

        // Start days ahead, the evening before, just before the first slot or during the session: most boundaries are close.
        stores.Clock.Advance(StartOffsets[steps.FirstOrDefault() % StartOffsets.Length]);
        if (await DifferenceAsync(stores, "before any step") is { } first)
        {
            return first;
        }

        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            var detail = step / 8;
            string done;
            switch (step % 8)
            {
                case 0 or 1:
                    done = await BookAsync(stores.Booking, practice, detail, booked);
                    break;
                case 2:
                    // Another instance on the same database: its notice reaches this index through the relay.
                    done = "elsewhere: " + await BookAsync(elsewhere, practice, detail, booked);
                    await stores.Relay.PollAsync();
                    break;
                case 3 when booked.Count > 0:
                    var id = booked[detail % booked.Count];
                    booked.Remove(id);
                    var cancelled = await stores.Booking.CancelAsync(id, CancellationReason.PatientRequest, null, DataStores.Receptionist);
                    done = $"cancel {id}: {cancelled.Message}";
                    break;
                case 4:
                    var terms = Terms[detail % Terms.Length];
                    var channels = (detail / Terms.Length % 2 == 0)
                        ? new List<ChannelReleaseSpec> { new(ChannelSelectorSpec.Reception), new(ChannelSelectorSpec.Online) }
                        : [new(ChannelSelectorSpec.Online), new(ChannelSelectorSpec.ForOrganisationType("urgent-care"))];
                    var changed = await stores.Store.ChangeReleaseRuleAsync(
                        ruleVersion, new ReleaseRuleSpec(ReleaseScope.ForService(practice.ServiceId), channels, terms), Today(stores), DataStores.Setup);
                    ruleVersion = changed.Succeeded ? changed.Value.Id : ruleVersion;
                    done = $"rule {terms}: {changed.Message}";
                    break;
                case 5:
                    var closed = await stores.Store.AddClosureAsync(
                        Dates.Start.PlusDays(detail % 2 * 7), "Training", DataStores.Setup, LocalTimeRange.Parse(detail % 3 == 0 ? "08:00-09:00" : "10:00-10:30"));
                    done = $"closure: {closed.Message}";
                    break;
                case 6:
                    var day = Dates.Start.PlusDays(detail % 2 * 7);
                    var paused = await stores.Store.PauseChannelAsync(PausableChannel.Online, new DateInterval(day, day), "Busy day", DataStores.Setup);
                    done = $"pause online {day}: {paused.Message}";
                    break;
                default:
                    // Whole minutes land on slot starts, embargo openings and notice edges as often as between them.
                    var minutes = detail % 3 == 0 ? detail % 4_000 : detail % 90;
                    stores.Clock.Advance(Duration.FromMinutes(minutes));
                    done = $"clock +{minutes} min";
                    break;
            }

            if (await DifferenceAsync(stores, $"step {index} ({done}) at {stores.Clock.GetCurrentInstant()}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static async Task<string> BookAsync(BookingService service, TestPractice practice, int detail, List<AppointmentId> booked)
    {
        var slot = practice.Slot(8 + (detail % 20 * 10 / 60), detail % 20 * 10 % 60, Dates.Start.PlusDays(detail / 20 % 2 * 7));
        var channel = Callers[detail / 40 % Callers.Length].Channel;
        var outcome = await service.BookAsync(new NewBooking(slot, DataStores.PatientDetails(detail % 7), channel), DataStores.Receptionist);
        if (outcome.Succeeded)
        {
            booked.Add(outcome.Appointment!.Appointment.Id);
        }

        return $"book {slot} by {channel}: {outcome.Message}";
    }

    private static async Task<string?> DifferenceAsync(DataStores stores, string after)
    {
        foreach (var caller in Callers)
        {
            var indexed = await stores.Index.GetAsync(caller, Dates);
            var onDemand = await stores.Queries.GetAvailabilityAsync(caller, Dates);
            if (indexed.Verdicts.Count != onDemand.Verdicts.Count)
            {
                return $"after {after}, {caller.Channel}: {indexed.Verdicts.Count} verdicts, on demand {onDemand.Verdicts.Count}";
            }

            foreach (var (mine, theirs) in indexed.Verdicts.Zip(onDemand.Verdicts))
            {
                if (mine.Slot != theirs.Slot || !mine.Reasons.SequenceEqual(theirs.Reasons))
                {
                    return $"after {after}, {caller.Channel}, slot {theirs.Slot.Id}: index [{string.Join(", ", mine.Reasons)}] "
                        + $"on demand [{string.Join(", ", theirs.Reasons)}]";
                }
            }

            var offered = (await stores.Index.GetOfferedAsync(caller.Channel, Dates)).InStartOrder.Select(s => s.Id).ToList();
            var expected = onDemand.Offered.OrderBy(s => s.Start).ThenBy(s => s.Id.Value, StringComparer.Ordinal).Select(s => s.Id).ToList();
            if (!offered.SequenceEqual(expected))
            {
                return $"after {after}, {caller.Channel}: offered {offered.Count} slots in start order, on demand {expected.Count}";
            }
        }

        return null;
    }

    private static LocalDate Today(DataStores stores) => stores.Clock.GetCurrentInstant().InZone(PracticeTime.Zone).Date;
}
