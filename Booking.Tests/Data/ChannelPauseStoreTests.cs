using Booking.Core.Release;
using Booking.Data.Appointments;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// The brake for busy days on a real SQLite file: a pause withholds the channel's slots at once, refuses its bookings
/// with the reason, leaves reception alone, is audited, and lifting it gives the slots back.
/// </summary>
public sealed class ChannelPauseStoreTests : IAsyncLifetime
{
    private static readonly Caller OnlinePatient = new(Channel.Online, DataStores.PatientDetails(1).NhsNumber);
    private DataStores _stores = null!;
    private TestPractice _practice = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Pause_OnlineOnMonday_WithholdsMondayOnlineRefusesTheBookingWithTheReasonAndReceptionStillBooks()
    {
        var monday = new DateInterval(TestPractice.Monday, TestPractice.Monday);
        (await _stores.Queries.GetAvailabilityAsync(OnlinePatient, monday)).Offered.Should().NotBeEmpty("the practice releases Monday online");

        var paused = await _stores.Store.PauseChannelAsync(PausableChannel.Online, monday, "Two GPs off sick", DataStores.Receptionist);

        paused.Succeeded.Should().BeTrue(paused.Message);
        (await _stores.Queries.GetAvailabilityAsync(OnlinePatient, monday)).Offered.Should().BeEmpty();
        var online = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9), DataStores.PatientDetails(1), Channel.Online), DataStores.Receptionist);
        online.Kind.Should().Be(BookingOutcomeKind.Refused);
        online.Reasons.Should().ContainSingle().Which.Message.Should().Be("The practice has paused online booking: Two GPs off sick");
        var desk = await _stores.Booking.BookAsync(new NewBooking(_practice.Slot(9), DataStores.PatientDetails(2), Channel.Reception), DataStores.Receptionist);
        desk.Succeeded.Should().BeTrue(desk.Message);
        var tuesday = new DateInterval(TestPractice.Monday.PlusDays(1), TestPractice.Monday.PlusDays(7));
        (await _stores.Queries.GetAvailabilityAsync(OnlinePatient, tuesday)).Offered.Should().NotBeEmpty("only Monday is paused");
    }

    [Fact]
    public async Task Lift_APause_GivesTheSlotsBackAndAuditsBoth()
    {
        var monday = new DateInterval(TestPractice.Monday, TestPractice.Monday);
        var audits = await _stores.CountAsync(db => db.AuditEntries);
        var paused = await _stores.Store.PauseChannelAsync(PausableChannel.Online, monday, "Busy", DataStores.Receptionist);

        var lifted = await _stores.Store.LiftChannelPauseAsync(paused.Value!.Id, DataStores.Receptionist);

        lifted.Succeeded.Should().BeTrue(lifted.Message);
        (await _stores.Queries.GetAvailabilityAsync(OnlinePatient, monday)).Offered.Should().NotBeEmpty();
        (await _stores.Configuration.GetAsync())!.Policy.Pauses.Should().BeEmpty();
        await using var db = await _stores.Factory.CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.SubjectType == "ChannelPause").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        actions.Should().Equal("channel.paused", "channel.resumed");
        (await _stores.CountAsync(db => db.AuditEntries)).Should().Be(audits + 2);
        (await _stores.Store.LiftChannelPauseAsync(paused.Value.Id, DataStores.Receptionist)).Message.Should().Be("That pause has already ended.");
    }

    [Fact]
    public async Task Pause_StartingYesterday_IsRefusedAndNothingIsSaved()
    {
        var yesterday = new LocalDate(2026, 5, 28); // the test clock stands on Friday 29 May

        var paused = await _stores.Store.PauseChannelAsync(PausableChannel.Online, new DateInterval(yesterday, yesterday.PlusDays(2)), "Busy", DataStores.Receptionist);

        paused.Succeeded.Should().BeFalse();
        paused.Field.Should().Be("FirstDay");
        paused.Message.Should().Contain("which has passed");
        (await _stores.CountAsync(db => db.ChannelPauses)).Should().Be(0);
    }

    [Fact]
    public async Task Pause_OverlappingOneOfTheSameChannel_IsRefusedButTheOtherChannelMayBePaused()
    {
        var week = new DateInterval(TestPractice.Monday, TestPractice.Monday.PlusDays(4));
        (await _stores.Store.PauseChannelAsync(PausableChannel.Online, week, "Busy week", DataStores.Receptionist)).Succeeded.Should().BeTrue();

        var again = await _stores.Store.PauseChannelAsync(PausableChannel.Online, new DateInterval(TestPractice.Monday.PlusDays(2), TestPractice.Monday.PlusDays(9)), "Still busy", DataStores.Receptionist);
        var organisations = await _stores.Store.PauseChannelAsync(PausableChannel.Organisations, week, "Busy week", DataStores.Receptionist);

        again.Succeeded.Should().BeFalse();
        again.Message.Should().Be("Online booking is already paused from 1 June to 5 June: lift that pause first, or choose other days.");
        organisations.Succeeded.Should().BeTrue(organisations.Message);
    }

    [Fact]
    public async Task Pause_NoReason_IsRefusedWithWhatToDo()
    {
        var paused = await _stores.Store.PauseChannelAsync(PausableChannel.Online, new DateInterval(TestPractice.Monday, TestPractice.Monday), " ", DataStores.Receptionist);

        paused.Succeeded.Should().BeFalse();
        paused.Message.Should().StartWith("Give a reason");
    }
}
