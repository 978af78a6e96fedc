using Booking.Core.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Core.Scheduling;

public class SlotTests
{
    private static readonly LocalDate Monday = new(2026, 1, 12);
    private static readonly SessionKey Session = new(new SessionSource(SessionSourceKind.Template, 1), Monday);
    private static readonly LocalDateTime NineAm = Monday.At(new LocalTime(9, 0));
    private static readonly Interval NineToTen = new(Instant.FromUtc(2026, 1, 12, 9, 0), Instant.FromUtc(2026, 1, 12, 9, 10));

    [Fact]
    public void Constructor_Facts_ReadBackUnchanged()
    {
        var slot = Build();

        slot.Id.Value.Should().Be("t1-20260112-0900");
        slot.Session.Should().Be(Session);
        (slot.PractitionerId, slot.SiteId, slot.ServiceId).Should().Be((1, 2, 3));
        slot.LocalStart.Should().Be(NineAm);
        slot.LocalEnd.Should().Be(NineAm.PlusMinutes(10));
        slot.Interval.Should().Be(NineToTen);
        slot.Date.Should().Be(Monday);
    }

    [Fact]
    public void Constructor_IdOfAnotherStart_Throws()
    {
        var act = () => Build(id: SlotId.For(Session, new LocalTime(9, 10)));

        act.Should().Throw<ArgumentException>().WithParameterName("id");
    }

    [Fact]
    public void Constructor_EndNotAfterStartOrOnAnotherDate_Throws()
    {
        FluentActions.Invoking(() => Build(localEnd: NineAm)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Build(localEnd: NineAm.PlusDays(1))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Equals_OneFactDiffers_NotEqual()
    {
        var slot = Build();

        (slot == Build()).Should().BeTrue();
        slot.GetHashCode().Should().Be(Build().GetHashCode());
        (slot != Build(practitionerId: 9)).Should().BeTrue();
        slot.Should().NotBe(Build(serviceId: 9));
        slot.Should().NotBe(Build(interval: new Interval(NineToTen.Start, NineToTen.End.PlusTicks(1))));
        (slot == null).Should().BeFalse();
    }

    private static Slot Build(
        SlotId? id = null, int practitionerId = 1, int serviceId = 3, LocalDateTime? localEnd = null, Interval? interval = null) =>
        new(id ?? SlotId.For(Session, NineAm.TimeOfDay), Session, practitionerId, 2, serviceId, NineAm, localEnd ?? NineAm.PlusMinutes(10), interval ?? NineToTen);
}
